using System.Text.RegularExpressions;
using Npgsql;

namespace Runway.Database.Backups;

/// <summary>Creates, renames and drops databases over a connection to the maintenance database <c>postgres</c>.</summary>
/// <remarks>Database names cannot be SQL parameters; every name is checked against a plain-identifier rule before it is quoted into a statement.</remarks>
internal sealed partial class ServerDatabases(PostgresTarget server)
{
    private readonly string _maintenance = server.For("postgres").ConnectionString;

    /// <summary>The connection string of <paramref name="database"/> on this server, with the same credentials.</summary>
    public string ConnectionStringOf(string database) => server.For(database).ConnectionString;

    public static string CheckedName(string database) => PlainName().IsMatch(database)
        ? database
        : throw new ArgumentException($"Database name '{database}' is not supported for restores: use lower-case letters, digits and underscores (at most 63).");

    public async Task CreateAsync(string database, string? owner, CancellationToken cancellationToken)
    {
        var ownerClause = owner is null ? "" : $" OWNER \"{owner.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
        await ExecuteAsync($"CREATE DATABASE \"{CheckedName(database)}\"{ownerClause} TEMPLATE template0", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Drops the database even while sessions are connected (they are terminated).</summary>
    public Task DropAsync(string database, CancellationToken cancellationToken) =>
        ExecuteAsync($"DROP DATABASE IF EXISTS \"{CheckedName(database)}\" WITH (FORCE)", cancellationToken);

    public Task RenameAsync(string from, string to, CancellationToken cancellationToken) =>
        ExecuteAsync($"ALTER DATABASE \"{CheckedName(from)}\" RENAME TO \"{CheckedName(to)}\"", cancellationToken);

    public Task AllowConnectionsAsync(string database, bool allow, CancellationToken cancellationToken) =>
        ExecuteAsync($"ALTER DATABASE \"{CheckedName(database)}\" WITH ALLOW_CONNECTIONS {(allow ? "true" : "false")}", cancellationToken);

    public async Task TerminateConnectionsAsync(string database, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid, 5000)) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", connection)
        { Parameters = { new() { Value = database } } };
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> ExistsAsync(string database, CancellationToken cancellationToken) =>
        await ScalarAsync("SELECT 1 FROM pg_database WHERE datname = $1", database, cancellationToken).ConfigureAwait(false) is not null;

    public async Task<string?> OwnerAsync(string database, CancellationToken cancellationToken) =>
        (string?)await ScalarAsync("SELECT pg_get_userbyid(datdba)::text FROM pg_database WHERE datname = $1", database, cancellationToken).ConfigureAwait(false);

    private async Task<object?> ScalarAsync(string sql, string value, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = value } } };
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        // Unpooled: a pooled maintenance session would linger and block renames and drops of other databases' sessions.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_maintenance) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex PlainName();
}
