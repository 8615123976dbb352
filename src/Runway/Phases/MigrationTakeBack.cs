using System.Text.Json.Nodes;
using Runway.Database.Backups;
using Runway.Database.Migrations;

namespace Runway.Phases;

/// <summary>Takes back what a migration step applied, from the step's evidence: undo scripts first, a restore as the last resort.</summary>
public sealed class MigrationTakeBack(DatabaseSteps steps, ServiceDatabase database, Serilog.ILogger logger, TimeProvider time)
{
    /// <summary>How each migration recorded in <paramref name="evidence"/> would be taken back, newest first.</summary>
    public async Task<MigrationRollbackPlan> PlanAsync(JsonObject? evidence, CancellationToken cancellationToken)
    {
        var applied = evidence?["applied"]?.AsArray().Select(n => n!.GetValue<string>()).ToList() ?? [];
        var failed = evidence?["failed"] as JsonObject;
        var halfApplied = failed?["partial"]?.GetValue<bool>() == true ? failed["script"]!.GetValue<string>() : null;
        if (applied.Count == 0 && halfApplied is null) return new MigrationRollbackPlan([]);
        return MigrationRollbackPlan.For(await steps.ScriptsAsync(cancellationToken).ConfigureAwait(false), applied, halfApplied);
    }

    /// <summary>Runs the plan's undo scripts against <paramref name="connectionString"/>; returns the evidence.</summary>
    public async Task<JsonObject> UndoAsync(string connectionString, MigrationRollbackPlan plan, CancellationToken cancellationToken)
    {
        var result = await steps.UndoAsync(connectionString, plan.Undos, cancellationToken).ConfigureAwait(false);
        return new JsonObject
        {
            ["path"] = "undo",
            ["undone"] = new JsonArray(result.Applied.Select(a => (JsonNode?)a.Script).ToArray()),
            ["leftAsIs"] = new JsonArray(plan.Steps.Where(s => s.Path == RollbackPath.Compatible).Select(s => (JsonNode?)s.Script).ToArray()),
            ["plan"] = Lines(plan),
        };
    }

    /// <summary>
    /// Puts a staging database back as it was before a failed attempt: the undo scripts when every script has one,
    /// otherwise <paramref name="before"/>, the backup taken before the attempt.
    /// </summary>
    public async Task<JsonObject> TakeBackAsync(string connectionString, JsonObject evidence, BackupRecord? before, CancellationToken cancellationToken)
    {
        var plan = await PlanAsync(evidence, cancellationToken).ConfigureAwait(false);
        if (plan.Steps.Count == 0) return new JsonObject { ["path"] = "nothing", ["reason"] = "no script of the attempt left a change" };
        if (!plan.NeedsRestore) return await UndoAsync(connectionString, plan, cancellationToken).ConfigureAwait(false);
        if (before is null) throw new InvalidOperationException("Staging needs a restore but no backup was taken before the attempt.");
        var restore = await new DatabaseRestorer(database.Store, database.Options, logger, time)
            .RestoreAsync(connectionString, before, cancellationToken).ConfigureAwait(false);
        return new JsonObject { ["path"] = "restore", ["backup"] = Evidence.Of(restore.Restored), ["plan"] = Lines(plan) };
    }

    /// <summary>The plan as one line per migration.</summary>
    public static JsonArray Lines(MigrationRollbackPlan plan) => new(plan.Steps.Select(s => (JsonNode?)s.ToString()).ToArray());
}
