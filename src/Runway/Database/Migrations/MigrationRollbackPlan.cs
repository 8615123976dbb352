namespace Runway.Database.Migrations;

/// <summary>How a rollback takes back one migration a deployment applied.</summary>
public enum RollbackPath
{
    /// <summary>Declared <c>-- runway:compatible</c>: the previous release works with the new schema; left alone.</summary>
    Compatible,

    /// <summary>Its <c>U&lt;version&gt;__</c> script runs, keeping every row written since.</summary>
    Undo,

    /// <summary>No undo script and not compatible: only a restore of the pre-migration backup takes it back.</summary>
    Restore,
}

/// <summary>One migration of a deployment and how a rollback takes it back.</summary>
/// <param name="Script">The migration's file name.</param>
/// <param name="Path">Left alone, undone, or restored.</param>
/// <param name="Undo">The undo script's file name, for <see cref="RollbackPath.Undo"/>.</param>
/// <param name="Partial">True for a no-transaction script that failed part-way.</param>
public sealed record MigrationRollbackStep(string Script, RollbackPath Path, string? Undo, bool Partial)
{
    /// <summary>One line for people, e.g. <c>V3__owner.sql: undo with U3__owner.sql</c>.</summary>
    public override string ToString() => Path switch
    {
        RollbackPath.Compatible => $"{Script}: left as it is (-- runway:compatible)",
        RollbackPath.Undo => $"{Script}: undo with {Undo}{(Partial ? " (half-applied)" : "")}",
        _ => $"{Script}: restore of the pre-migration backup (no undo script {UndoName(Script)})",
    };

    private static string UndoName(string script) => script.StartsWith('V') ? "U" + script[1..] : "for a repeatable script";
}

/// <summary>
/// The rollback of a deployment's migrations, newest first: undo scripts where they exist, compatible ones left
/// alone, and a restore only when some migration has neither (then the restore takes back all of them).
/// </summary>
/// <param name="Steps">Each migration the deployment applied (or half-applied), newest first.</param>
public sealed record MigrationRollbackPlan(IReadOnlyList<MigrationRollbackStep> Steps)
{
    /// <summary>True when some migration can only be taken back by a restore.</summary>
    public bool NeedsRestore => Steps.Any(s => s.Path == RollbackPath.Restore);

    /// <summary>The undo scripts to run, newest first.</summary>
    public IReadOnlyList<MigrationRollbackStep> Undos => [.. Steps.Where(s => s.Path == RollbackPath.Undo)];

    /// <summary>
    /// Plans the rollback of <paramref name="applied"/> (file names, in the order they ran) and of
    /// <paramref name="halfApplied"/> (a no-transaction script that failed part-way, run after them).
    /// </summary>
    public static MigrationRollbackPlan For(MigrationScriptSet scripts, IReadOnlyList<string> applied, string? halfApplied)
    {
        var steps = new List<MigrationRollbackStep>();
        if (halfApplied is not null) steps.Add(Step(scripts, halfApplied, partial: true));
        steps.AddRange(applied.Reverse().Select(name => Step(scripts, name, partial: false)));
        return new(steps);
    }

    private static MigrationRollbackStep Step(MigrationScriptSet scripts, string name, bool partial)
    {
        // A half-applied script is not compatible whatever it says: its schema is neither the old one nor the new one.
        if (!partial && scripts.Find(name) is { IsCompatible: true }) return new(name, RollbackPath.Compatible, null, partial);
        return scripts.UndoOf(name) is { } undo ? new(name, RollbackPath.Undo, undo.FileName, partial) : new(name, RollbackPath.Restore, null, partial);
    }
}
