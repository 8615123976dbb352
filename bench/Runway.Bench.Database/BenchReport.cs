using System.Globalization;
using System.Text;

namespace Runway.Bench.Database;

internal sealed record CompressionFigures(int Level, TimeSpan Dump, long Bytes, TimeSpan FullRead);

internal sealed record BackupFigures(TimeSpan PlainDump, TimeSpan RunwayDump, TimeSpan RunwayDumpAndVerify, TimeSpan PlainRestore, TimeSpan DrillRestore, TimeSpan WholeDrill, long Bytes);

internal sealed record MigrationFigures(TimeSpan Runway, TimeSpan DbUp);

/// <summary>Collects the figures and prints them as the <c>## database</c> section of bench/RESULTS.md.</summary>
internal sealed class BenchReport(BenchSettings settings)
{
    public long DatabaseBytes { get; set; }

    public List<CompressionFigures> Compression { get; } = [];

    public List<BackupFigures> Backups { get; } = [];

    public List<MigrationFigures> Migrations { get; } = [];

    public string Markdown()
    {
        var text = new StringBuilder();
        text.AppendLine("## database").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Reproduce: `{settings.Command}` (starts its own throwaway PostgreSQL 15 cluster, fsync off, on loopback).");
        text.AppendLine(CultureInfo.InvariantCulture, $"Measured {TimeProvider.System.GetUtcNow():yyyy-MM-dd} on {Environment.ProcessorCount} cores shared with other work; medians of {settings.Rounds} rounds.").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Generated database: {DatabaseBytes / 1048576} MB (`pg_database_size`), three tables of random text.").AppendLine();
        AppendCompression(text);
        AppendBackups(text);
        AppendMigrations(text);
        return text.ToString();
    }

    public void WriteResults(string path)
    {
        var existing = File.Exists(path) ? File.ReadAllText(path) : "# Benchmark results\n\n";
        var start = existing.IndexOf("## database", StringComparison.Ordinal);
        var end = start < 0 ? -1 : existing.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var updated = start < 0 ? existing.TrimEnd() + "\n\n" + Markdown() : existing[..start] + Markdown() + (end < 0 ? "" : existing[(end + 1)..]);
        File.WriteAllText(path, updated);
        Console.WriteLine($"Wrote {path}");
    }

    private void AppendCompression(StringBuilder text)
    {
        text.AppendLine("### pg_dump -Fc compression").AppendLine().AppendLine("| level | dump | archive | full read (`pg_restore -f /dev/null`) |").AppendLine("| --- | --- | --- | --- |");
        foreach (var c in Compression)
            text.AppendLine(CultureInfo.InvariantCulture, $"| -Z{c.Level} | {Timing.Seconds(c.Dump)} | {c.Bytes / 1048576} MB | {Timing.Seconds(c.FullRead)} |");
        text.AppendLine();
    }

    private void AppendBackups(StringBuilder text)
    {
        var plainDump = Timing.Median(Backups.Select(b => b.PlainDump));
        var runwayDump = Timing.Median(Backups.Select(b => b.RunwayDump));
        var plainRestore = Timing.Median(Backups.Select(b => b.PlainRestore));
        var drillRestore = Timing.Median(Backups.Select(b => b.DrillRestore));
        text.AppendLine(CultureInfo.InvariantCulture, $"### Backup and restore (-Fc -Z1, restore -j {settings.Jobs})").AppendLine();
        text.AppendLine("| step | plain | Runway | difference |").AppendLine("| --- | --- | --- | --- |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| dump | {Timing.Seconds(plainDump)} | {Timing.Seconds(runwayDump)} | {Timing.Percent(runwayDump, plainDump)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| dump + verify (SHA-256 + full read) | {Timing.Seconds(plainDump)} (no verify) | {Timing.Seconds(Timing.Median(Backups.Select(b => b.RunwayDumpAndVerify)))} | — |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| restore into a fresh database | {Timing.Seconds(plainRestore)} | {Timing.Seconds(drillRestore)} | {Timing.Percent(drillRestore, plainRestore)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| whole restore drill (create, restore, count rows both sides, drop) | — | {Timing.Seconds(Timing.Median(Backups.Select(b => b.WholeDrill)))} | — |");
        text.AppendLine();
    }

    private void AppendMigrations(StringBuilder text)
    {
        var runway = Timing.Median(Migrations.Select(m => m.Runway));
        var dbup = Timing.Median(Migrations.Select(m => m.DbUp));
        text.AppendLine(CultureInfo.InvariantCulture, $"### {settings.Scripts} small migration scripts on a fresh database").AppendLine();
        text.AppendLine("| runner | time | difference |").AppendLine("| --- | --- | --- |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| DbUp (transaction per script) | {Timing.Seconds(dbup)} | |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| Runway MigrationRunner | {Timing.Seconds(runway)} | {Timing.Percent(runway, dbup)} |");
        text.AppendLine();
    }
}

internal static class ResultsFile
{
    /// <summary>bench/RESULTS.md of the repository that holds the current directory.</summary>
    public static string Find()
    {
        for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Runway.slnx"))) return Path.Combine(directory.FullName, "bench", "RESULTS.md");
        return Path.Combine(Environment.CurrentDirectory, "RESULTS.md");
    }
}
