using Npgsql;

namespace Runway.Phases;

/// <summary>
/// Opens each configured database connection once before anything uses it, so a refusal (a wrong user, password,
/// database or host) names which connection failed, where its setting came from and what to fix, instead of a bare
/// <c>28000: role "nobody" does not exist</c> from somewhere inside a phase.
/// </summary>
public static class ConnectionCheck
{
    /// <summary>Throws <see cref="InvalidSettingsException"/> naming the first connection that cannot be opened.</summary>
    /// <param name="settings">The run's settings.</param>
    /// <param name="origin">Where a parameter (by member name) got its value.</param>
    /// <param name="cancellationToken">Stops the attempt.</param>
    public static async Task EnsureReachableAsync(PipelineSettings settings, Func<string, string> origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(origin);
        await EnsureAsync("the ledger database", "ledger-connection-string", settings.LedgerConnectionString, origin("LedgerConnectionString"), cancellationToken).ConfigureAwait(false);
        await EnsureAsync("the application database", "database-connection-string", settings.DatabaseConnectionString, origin("DatabaseConnectionString"), cancellationToken)
            .ConfigureAwait(false);
    }

    private static async Task EnsureAsync(string what, string option, string? connectionString, string origin, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(connectionString)) return;
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 10 };
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw new InvalidSettingsException(
                $"Refused before anything started: {what} (--{option}, from {origin}; {builder.Username ?? "no user"}@{builder.Host}:{builder.Port}/{builder.Database}) " +
                $"could not be opened: {Reason(ex)} {Fix(ex)}");
        }
    }

    private static string Reason(NpgsqlException ex) => ex is PostgresException postgres ? $"{postgres.SqlState}: {postgres.MessageText}." : ex.Message;

    private static string Fix(NpgsqlException ex) => (ex as PostgresException)?.SqlState switch
    {
        "28000" => "Fix the user name in that connection string (or create the role on the server), then run again.",
        "28P01" => "Fix the password in that connection string, then run again.",
        "3D000" => "Fix the database name in that connection string (or create the database), then run again.",
        _ => "Check the host, port and that the server runs and accepts this client, then run again.",
    };
}
