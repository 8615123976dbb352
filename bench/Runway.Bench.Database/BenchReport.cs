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
        text.AppendLine(CultureInfo.InvariantCulture, $"Measured {TimeProvider.System.GetUtcNow():yyyy-MM-dd} on {Environment.ProcessorCount} cores shared with other work; {settings.Rounds} backup rounds, {settings.MigrationRounds} migration rounds.").AppendLine();
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
        text.AppendLine("### pg_dump -Fc compression (median / fastest round)").AppendLine().AppendLine("| level | dump | archive | full read (`pg_restore -f /dev/null`) |").AppendLine("| --- | --- | --- | --- |");
        foreach (var level in Compression.GroupBy(c => c.Level))
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| -Z{level.Key} | {Both(level.Select(c => c.Dump))} | {level.First().Bytes / 1048576} MB | {Both(level.Select(c => c.FullRead))} |");
        text.AppendLine();
    }

    private static string Both(IEnumerable<TimeSpan> values)
    {
        var list = values.ToList();
        return $"{Timing.Seconds(Timing.Median(list))} / {Timing.Seconds(list.Min())}";
    }

    private static string Row(string step, IEnumerable<TimeSpan> plain, IEnumerable<TimeSpan> runway)
    {
        var (p, r) = (plain.ToList(), runway.ToList());
        return $"| {step} | {Both(p)} | {Both(r)} | {Timing.Percent(Timing.Median(r), Timing.Median(p))} / {Timing.Percent(r.Min(), p.Min())} |";
    }

    private void AppendBackups(StringBuilder text)
    {
        text.AppendLine(CultureInfo.InvariantCulture, $"### Backup and restore (-Fc -Z{new Runway.Database.Backups.BackupOptions { Directory = "" }.CompressionLevel}, Runway's default; restore -j {settings.Jobs}; median / fastest round)").AppendLine();
        text.AppendLine("| step | plain | Runway | difference |").AppendLine("| --- | --- | --- | --- |");
        text.AppendLine(Row("dump (pg_dump process)", Backups.Select(b => b.PlainDump), Backups.Select(b => b.RunwayDump)));
        text.AppendLine(Row("dump, Runway + verify (SHA-256 + full read)", Backups.Select(b => b.PlainDump), Backups.Select(b => b.RunwayDumpAndVerify)));
        text.AppendLine(Row("restore into a fresh database (pg_restore process)", Backups.Select(b => b.PlainRestore), Backups.Select(b => b.DrillRestore)));
        text.AppendLine(CultureInfo.InvariantCulture, $"| whole restore drill (create, restore, count rows both sides, drop) | — | {Both(Backups.Select(b => b.WholeDrill))} | — |");
        text.AppendLine();
    }

    private void AppendMigrations(StringBuilder text)
    {
        text.AppendLine(CultureInfo.InvariantCulture, $"### {settings.Scripts} small migration scripts on a fresh database (after a warm-up; median / fastest round)").AppendLine();
        text.AppendLine("| DbUp (transaction per script) | Runway MigrationRunner | difference |").AppendLine("| --- | --- | --- |");
        var (dbup, runway) = (Migrations.Select(m => m.DbUp).ToList(), Migrations.Select(m => m.Runway).ToList());
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| {Both(dbup)} | {Both(runway)} | {Timing.Percent(Timing.Median(runway), Timing.Median(dbup))} / {Timing.Percent(runway.Min(), dbup.Min())} |");
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

internal static class SectionFile
{
    /// <summary>Replaces the section that starts with <paramref name="heading"/> in <paramref name="path"/> (or appends it).</summary>
    public static void Write(string path, string heading, string section)
    {
        var existing = File.Exists(path) ? File.ReadAllText(path) : "# Benchmark results\n\n";
        var start = existing.IndexOf(heading + "\n", StringComparison.Ordinal);
        var end = start < 0 ? -1 : existing.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var updated = start < 0 ? existing.TrimEnd() + "\n\n" + section : existing[..start] + section + (end < 0 ? "" : existing[(end + 1)..]);
        File.WriteAllText(path, updated);
        Console.WriteLine($"Wrote {path}");
    }
}
