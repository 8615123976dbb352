namespace Runway.Database.Migrations;

/// <summary>Turns a failed statement into a <see cref="MigrationFailure"/> with the line within the script.</summary>
internal static class ScriptFailure
{
    public static MigrationFailure From(MigrationScript script, StatementFailedException failed, MigrationOptions options)
    {
        var postgres = failed.Error as Npgsql.PostgresException;
        var line = failed.Statement is null ? (int?)null : Line(script.Sql, failed.Statement, postgres?.Position ?? 0);
        var message = failed.IsLockNotAvailable
            ? $"could not get a lock in {options.LockAttempts} attempt(s) (lock_timeout from {options.LockTimeout.TotalSeconds:0.###} s, doubling): {postgres!.MessageText}. " +
              "Another session holds a conflicting lock: find it in pg_locks and pg_stat_activity, let it finish or end it, then run the migration again."
            : postgres is null ? failed.Error.Message : Describe(postgres);
        return new MigrationFailure(script.FileName, message, line, postgres?.SqlState);
    }

    /// <summary>
    /// PostgreSQL reports a 1-based character position within the statement it was sent; added to the statement's
    /// offset in the file it gives the line. Without a position, the statement's first line.
    /// </summary>
    internal static int Line(string sql, SqlStatement statement, int position)
    {
        var inStatement = position > 0
            ? Math.Min(position - 1, statement.Sql.Length)
            : statement.Sql.Length - statement.Sql.TrimStart().Length;
        var absolute = Math.Min(statement.Offset + inStatement, sql.Length);
        return sql.AsSpan(0, absolute).Count('\n') + 1;
    }

    private static string Describe(Npgsql.PostgresException error) =>
        error.MessageText + (error.Detail is null ? "" : $" ({error.Detail})") + (error.Hint is null ? "" : $" Hint: {error.Hint}");
}
