namespace Runway.Database.Migrations;

/// <summary>How a <see cref="MigrationRunner"/> finds, runs and records migration scripts.</summary>
public sealed record MigrationOptions
{
    /// <summary>The folder holding <c>V&lt;version&gt;__&lt;description&gt;.sql</c> and <c>R__&lt;description&gt;.sql</c> files. Default <c>deploy/migrations</c>.</summary>
    public string ScriptsDirectory { get; init; } = Path.Combine("deploy", "migrations");

    /// <summary>The history table in the application database (lower-case identifier, optionally schema-qualified). Default <c>runway_schema_history</c>.</summary>
    public string HistoryTable { get; init; } = "runway_schema_history";

    /// <summary>The <c>lock_timeout</c> of a script's first attempt; doubled on each retry. Default 2 seconds.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Attempts per script when a lock is not available (SQLSTATE 55P03). Default 3.</summary>
    public int LockAttempts { get; init; } = 3;

    /// <summary>Pause between lock-timeout attempts. Default 200 ms.</summary>
    public TimeSpan LockRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The <c>statement_timeout</c> of each statement; <see cref="TimeSpan.Zero"/> (the default) means none.</summary>
    public TimeSpan StatementTimeout { get; init; } = TimeSpan.Zero;

    /// <summary>How long a runner waits for another runner's advisory lock before giving up. Default 10 minutes.</summary>
    public TimeSpan RunnerLockWait { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Who the history records as having installed the scripts. Default: the operating-system user.</summary>
    public string InstalledBy { get; init; } = Environment.UserName;

    /// <summary>
    /// The Npgsql command timeout in seconds: none (0) when there is no statement timeout, because Npgsql's
    /// 30-second default would cancel a long migration; otherwise the statement timeout plus a margin, so that
    /// PostgreSQL's own, clearer error arrives first.
    /// </summary>
    internal int CommandTimeoutSeconds =>
        StatementTimeout <= TimeSpan.Zero ? 0 : (int)Math.Ceiling(StatementTimeout.TotalSeconds) + 30;

    internal void Validate()
    {
        if (LockAttempts < 1) throw new ArgumentException($"{nameof(LockAttempts)} must be at least 1 (was {LockAttempts}).");
        if (LockTimeout <= TimeSpan.Zero) throw new ArgumentException($"{nameof(LockTimeout)} must be positive (was {LockTimeout}).");
        if (StatementTimeout < TimeSpan.Zero) throw new ArgumentException($"{nameof(StatementTimeout)} must be zero (none) or positive (was {StatementTimeout}).");
        if (!SqlIdentifier.IsValidQualified(HistoryTable))
            throw new ArgumentException($"{nameof(HistoryTable)} '{HistoryTable}' is not valid: use lower-case letters, digits and underscores, optionally 'schema.table'.");
    }
}
