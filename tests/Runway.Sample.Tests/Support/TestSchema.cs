using Npgsql;

namespace Runway.Sample.Tests.Support;

/// <summary>
/// Test-only: applies <c>samples/deploy/migrations</c> (V scripts by version, then R scripts) with plain Npgsql, one file per
/// command and outside any transaction so <c>CREATE INDEX CONCURRENTLY</c> works. The real runner lives elsewhere.
/// </summary>
internal static class TestSchema
{
    /// <summary>A fresh database with the sample's schema, and the environment a sample process needs to use it.</summary>
    public static async Task<Dictionary<string, string?>> MigratedEnvironmentAsync(Runway.Testing.PostgresServer server, string name)
    {
        var connectionString = await server.CreateDatabaseAsync(name);
        await ApplyAsync(connectionString);
        return SampleProcess.DefaultEnvironment(connectionString);
    }

    public static async Task ApplyAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var script in Scripts())
        {
            await using var command = new NpgsqlCommand(await File.ReadAllTextAsync(script), connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    private static IEnumerable<string> Scripts()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "migrations");
        var files = Directory.GetFiles(directory, "*.sql").Select(Path.GetFileName).OfType<string>().ToList();
        var versioned = files.Where(f => f.StartsWith('V')).OrderBy(f => int.Parse(f[1..f.IndexOf("__", StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture));
        var repeatable = files.Where(f => f.StartsWith('R')).Order(StringComparer.Ordinal);
        return versioned.Concat(repeatable).Select(f => Path.Combine(directory, f));
    }
}
