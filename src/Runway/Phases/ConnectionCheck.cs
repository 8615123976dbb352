using Npgsql;
using Runway.Database.Refusals;

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
            // The one table of what a SQLSTATE means (the run's failure report uses it too); the connection is named just before.
            var (meaning, fix) = SqlStateMeaning.Of((ex as PostgresException)?.SqlState, "that connection string");
            throw new InvalidSettingsException(
                $"Refused before anything started: {what} (--{option}, from {origin}; {builder.Username ?? "no user"}@{builder.Host}:{builder.Port}/{builder.Database}) " +
                $"could not be opened: {Reason(ex)} {char.ToUpperInvariant(meaning[0])}{meaning[1..]}. {fix}");
        }
    }

    private static string Reason(NpgsqlException ex) => ex is PostgresException postgres ? $"{postgres.SqlState}: {postgres.MessageText}." : ex.Message.TrimEnd('.') + ".";
}
