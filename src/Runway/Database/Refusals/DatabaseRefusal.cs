using Npgsql;

namespace Runway.Database.Refusals;

/// <summary>
/// Turns a PostgreSQL or Npgsql error that reaches a run's failure report into a sentence that names the connection
/// (which database, the option that sets it and where its value came from), what the server meant and the fix, with
/// the server's own words last: a bare <c>42501: permission denied for database ledger</c> names none of these.
/// </summary>
public static class DatabaseRefusal
{
    /// <summary>The sentence, or null when <paramref name="error"/> holds no Npgsql error.</summary>
    /// <param name="error">The error as the target threw it (the Npgsql error may be an inner one).</param>
    /// <param name="connections">The connections the run uses; the ones the error points at are named.</param>
    public static string? Describe(Exception error, IReadOnlyList<NamedConnection> connections)
    {
        ArgumentNullException.ThrowIfNull(connections);
        if (Find(error) is not { } refusal) return null;
        var postgres = refusal as PostgresException;
        var suspects = ConnectionMatch.Suspects(refusal, connections);
        var options = suspects.Count == 0 ? "its connection string" : string.Join(" or ", suspects.Select(c => c.Option));
        var (meaning, fix) = SqlStateMeaning.Of(postgres?.SqlState, options);
        var code = postgres is null ? "" : $" (SQLSTATE {postgres.SqlState})";
        var words = postgres?.MessageText ?? refusal.Message;
        return $"{Naming(suspects)} refused: {meaning}{code}. {fix} PostgreSQL said: {words.TrimEnd('.')}.";
    }

    private static NpgsqlException? Find(Exception? error) => error switch
    {
        null => null,
        NpgsqlException npgsql => npgsql,
        AggregateException { InnerExceptions.Count: 1 } aggregate => Find(aggregate.InnerExceptions[0]),
        _ => Find(error.InnerException),
    };

    private static string Naming(IReadOnlyList<NamedConnection> suspects) => suspects.Count switch
    {
        0 => "A database connection",
        1 => Named(suspects[0]),
        _ => $"One of {string.Join(" and ", suspects.Select(Named))}",
    };

    // Never the connection string: its password would show. User, host, port and database are enough to find it.
    private static string Named(NamedConnection connection)
    {
        var builder = new NpgsqlConnectionStringBuilder(connection.ConnectionString);
        var where = $"{builder.Username ?? "default user"}@{builder.Host}:{builder.Port}/{builder.Database}";
        return $"{Capitalised(connection.Name)} ({connection.Option}, from {connection.Origin}; {where})";
    }

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
