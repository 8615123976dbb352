namespace Runway.Database.Backups;

/// <summary>How far a restore's database swap got; recorded in the ledger at each stage.</summary>
public enum RestoreStage
{
    /// <summary>The backup is being restored into the staging database; the live one is untouched.</summary>
    Restoring,

    /// <summary>The live database was renamed to the replaced name: the live name is free until the swap.</summary>
    LiveMoved,

    /// <summary>The safety dump of the replaced (formerly live) database is taken and verified.</summary>
    SafetyDumped,

    /// <summary>The staging database now holds the live name.</summary>
    Swapped,

    /// <summary>Finished: the replaced database dropped.</summary>
    Done,

    /// <summary>Undone after an interruption: the live database is the one that was live before.</summary>
    Reverted,
}

/// <summary>The three names of a restore's swap.</summary>
/// <param name="Live">The database clients use.</param>
/// <param name="Staging">Where the backup is restored first.</param>
/// <param name="Replaced">What the live database is renamed to while the staging one takes its name.</param>
public sealed record DatabaseSwap(string Live, string Staging, string Replaced)
{
    /// <summary>The names for a restore into <paramref name="live"/> started at <paramref name="stamp"/> (each at most 63 characters).</summary>
    public static DatabaseSwap For(string live, string stamp) => new(live, Name(live, "restoring", stamp), Name(live, "replaced", stamp));

    /// <summary>The prefix of every replaced database of <paramref name="live"/>: a cluster must never create an empty live database while one exists.</summary>
    public static string ReplacedPrefix(string live) => $"{live[..Math.Min(live.Length, 34)]}_replaced_";

    private static string Name(string live, string role, string stamp) => $"{live[..Math.Min(live.Length, 34)]}_{role}_{stamp}";
}

/// <summary>Where a restore records its stages, so that a rerun after a kill finds an interrupted swap (the ledger).</summary>
/// <param name="Record">Called after each stage is reached, with the safety dump once there is one.</param>
public sealed record RestoreJournal(Func<RestoreStage, BackupRecord?, CancellationToken, Task> Record)
{
    /// <summary>A journal that records nothing (a restore outside a deployment).</summary>
    public static RestoreJournal None { get; } = new((_, _, _) => Task.CompletedTask);
}
