namespace Runway.Database.Migrations;

/// <summary>The script that stopped a run and why.</summary>
/// <param name="Script">The script's file name.</param>
/// <param name="Message">PostgreSQL's error message (or the client error).</param>
/// <param name="Line">The line within the script where the error was reported, when PostgreSQL gave a position or the failing statement is known.</param>
/// <param name="SqlState">The SQLSTATE code, when the error came from the server.</param>
public sealed record MigrationFailure(string Script, string Message, int? Line, string? SqlState)
{
    /// <summary>
    /// For a <c>-- runway:no-transaction</c> script, how many of its statements completed (and stay) before the one that
    /// failed; null for a script run in a transaction, whose changes were all rolled back.
    /// </summary>
    public int? StatementsDone { get; init; }

    /// <summary>How many statements the script has, when <see cref="StatementsDone"/> is known.</summary>
    public int? StatementCount { get; init; }

    /// <summary>True when the script failed part-way and left the changes of its completed statements behind.</summary>
    public bool IsPartial => StatementsDone > 0;

    /// <summary>One sentence for logs and reports.</summary>
    public override string ToString() =>
        $"Migration {Script} failed{Progress}{(Line is null ? "" : $" at line {Line}")}: {Message}" + (SqlState is null ? "" : $" (SQLSTATE {SqlState})");

    private string Progress => StatementsDone is { } done
        ? $" at statement {done + 1} of {StatementCount} ({done} done{(done > 0 ? ", outside a transaction: their changes stay" : "")})"
        : "";
}

/// <summary>What an upgrade or baseline did: DbUp's shape, a result instead of an exception through the caller.</summary>
/// <param name="Applied">The scripts applied (or baselined) by this run, in order; earlier ones stay applied when a later one fails.</param>
/// <param name="Problems">Problems found before anything ran (malformed names, changed or missing applied scripts, a held lock).</param>
/// <param name="Failure">The script that failed, when one did; its changes were rolled back.</param>
public sealed record MigrationResult(IReadOnlyList<AppliedMigration> Applied, IReadOnlyList<string> Problems, MigrationFailure? Failure)
{
    /// <summary>True when there were no problems and no script failed.</summary>
    public bool Successful => Problems.Count == 0 && Failure is null;

    /// <summary>The problems and the failure as one message; empty when successful.</summary>
    public string Error => string.Join(Environment.NewLine, Problems.Concat(Failure is null ? [] : [Failure.ToString()]));

    internal static MigrationResult Refused(IReadOnlyList<string> problems) => new([], problems, null);
}
