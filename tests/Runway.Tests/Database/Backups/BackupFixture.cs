using Npgsql;
using Runway.Database.Backups;
using Runway.Testing;
using Serilog.Core;

namespace Runway.Tests.Database.Backups;

/// <summary>A temporary backup folder and a source database with a little data, for one test.</summary>
internal sealed class BackupFixture : IDisposable
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "runway-backups-" + Guid.NewGuid().ToString("N")[..8]);

    public BackupOptions Options => new() { Directory = Directory, RestoreJobs = 2 };

    public BackupStore Store => new(Options, Logger.None, TimeProvider.System);

    public static async Task<string> SourceAsync(PostgresServer server, int rows = 20_000)
    {
        var connectionString = await server.CreateDatabaseAsync("backup");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            CREATE TABLE orders (id bigint PRIMARY KEY, note text);
            INSERT INTO orders SELECT g, md5(g::text) || md5((g * 7)::text) FROM generate_series(1, {rows}) g;
            CREATE SCHEMA billing;
            CREATE TABLE billing.invoices (id int, amount numeric);
            INSERT INTO billing.invoices SELECT g, g * 1.5 FROM generate_series(1, 123) g;
            """, connection);
        await command.ExecuteNonQueryAsync();
        return connectionString;
    }

    public static async Task<long> CountAsync(string connectionString, string sql)
    {
        // Unpooled, as a restore terminates the sessions of the database it replaces.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
    }
}
