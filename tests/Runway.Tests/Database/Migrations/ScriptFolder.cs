using Npgsql;
using Runway.Database.Migrations;
using Serilog.Core;

namespace Runway.Tests.Database.Migrations;

/// <summary>A temporary migrations folder for one test, and runners pointed at it.</summary>
internal sealed class ScriptFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "runway-migrations-" + Guid.NewGuid().ToString("N")[..8]);

    public ScriptFolder() => Directory.CreateDirectory(Path);

    public ScriptFolder Add(string fileName, string sql)
    {
        File.WriteAllText(System.IO.Path.Combine(Path, fileName), sql);
        return this;
    }

    public void Remove(string fileName) => File.Delete(System.IO.Path.Combine(Path, fileName));

    public MigrationRunner Runner(NpgsqlDataSource dataSource, MigrationOptions? options = null) =>
        new(dataSource, (options ?? new MigrationOptions()) with { ScriptsDirectory = Path }, Logger.None, TimeProvider.System);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
