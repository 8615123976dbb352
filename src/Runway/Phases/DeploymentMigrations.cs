using System.Text.Json.Nodes;
using Runway.Ledger;

namespace Runway.Phases;

/// <summary>
/// What a deployment's migrations did, from the ledger: the Migration phase's step and, for a first deployment, the
/// schema it applied before its pool started (Canary's first step). A rollback takes back both, and restores, when it
/// must, the backup taken before the first of them.
/// </summary>
public sealed class DeploymentMigrations(DeploymentLedger deployments)
{
    /// <summary>The scripts applied (in order), the one that failed, and the rows the migrations themselves wrote; null when none ran.</summary>
    public async Task<JsonObject?> EvidenceAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        var migrations = (await deployments.FindStepAsync(deployment.Id, nameof(Checklists.ChecklistPhase.Migration), MigrationPhase.MigrationsStep,
            cancellationToken).ConfigureAwait(false))?.Evidence;
        var schema = await FirstSchemaAsync(deployment, cancellationToken).ConfigureAwait(false);
        return schema is null ? migrations : Combine(schema, migrations);
    }

    /// <summary>
    /// The ledger id of the backup a restore takes back to: taken before a first deployment's schema (Preparation's) when
    /// that schema changed anything, otherwise the Migration phase's pre-migration backup.
    /// </summary>
    public async Task<long?> BackupIdAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        var beforeSchema = Changed(await FirstSchemaAsync(deployment, cancellationToken).ConfigureAwait(false));
        var (phase, step) = beforeSchema
            ? (nameof(Checklists.ChecklistPhase.Preparation), DatabaseSteps.VerifiedBackupStep)
            : (nameof(Checklists.ChecklistPhase.Migration), MigrationPhase.BackupStep);
        var found = await deployments.FindCompletedStepAsync(deployment.Id, phase, step, cancellationToken).ConfigureAwait(false);
        return found?.Evidence?["backupId"]?.GetValue<long>();
    }

    private async Task<JsonObject?> FirstSchemaAsync(Deployment deployment, CancellationToken cancellationToken) =>
        deployment.PreviousRelease is not null ? null
            : (await deployments.FindStepAsync(deployment.Id, nameof(Checklists.ChecklistPhase.Canary), CanaryPhase.FirstSchemaStep, cancellationToken)
                .ConfigureAwait(false))?.Evidence;

    private static bool Changed(JsonObject? evidence) =>
        evidence?["applied"]?.AsArray().Count > 0 || evidence?["failed"]?["partial"]?.GetValue<bool>() == true;

    // The schema ran first: its scripts come first, and a failure is the later step's when both have one (a failed
    // schema step stops the deployment before Migration).
    internal static JsonObject Combine(JsonObject schema, JsonObject? migrations)
    {
        var combined = new JsonObject
        {
            ["applied"] = new JsonArray([.. Applied(schema), .. Applied(migrations)]),
            ["migrationWrites"] = Writes(schema, migrations),
        };
        if ((migrations?["failed"] ?? schema["failed"]) is { } failed) combined["failed"] = failed.DeepClone();
        return combined;
    }

    private static IEnumerable<JsonNode?> Applied(JsonObject? evidence) =>
        evidence?["applied"]?.AsArray().Select(n => n?.DeepClone()) ?? [];

    private static JsonObject Writes(JsonObject schema, JsonObject? migrations)
    {
        var total = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var writes in new[] { schema["migrationWrites"], migrations?["migrationWrites"] }.OfType<JsonObject>())
            foreach (var (table, counts) in writes)
            {
                var sum = total.TryGetValue(table, out var existing) ? existing : total[table] = new long[3];
                for (var i = 0; i < 3; i++) sum[i] += counts![i]!.GetValue<long>();
            }
        return new JsonObject(total.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)new JsonArray(t.Value[0], t.Value[1], t.Value[2]))));
    }
}
