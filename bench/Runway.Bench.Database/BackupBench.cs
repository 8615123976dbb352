using Runway.Database;
using Runway.Database.Backups;
using Runway.Processes;
using Serilog.Core;

namespace Runway.Bench.Database;

/// <summary>Runway's backup + verify and restore drill against plain pg_dump / pg_restore with the same format and compression.</summary>
internal sealed class BackupBench(LocalCluster cluster, string directory, BenchSettings settings, BenchReport report)
{
    private const string Source = "bench_source";
    private int _scratch;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await cluster.EnsureDatabaseAsync(Source, cancellationToken);
        Console.WriteLine($"Generating a database of at least {settings.SizeMb} MB …");
        var elapsed = await Timing.MeasureAsync(async () => report.DatabaseBytes = await DataGenerator.FillAsync(cluster.ConnectionString(Source), settings.SizeMb, cancellationToken));
        Console.WriteLine($"  {report.DatabaseBytes / 1048576} MB in {Timing.Seconds(elapsed)}");
        Directory.CreateDirectory(directory);
        for (var round = 1; round <= settings.Rounds; round++)
        {
            // Compression levels are measured every round too: one sample on a shared machine says little.
            foreach (var level in new[] { 0, 1, 6 }) await CompressionAsync(level, cancellationToken);
            await RoundAsync(round, cancellationToken);
        }
    }

    private async Task CompressionAsync(int level, CancellationToken cancellationToken)
    {
        var file = Path.Combine(directory, $"plain-z{level}.dump");
        var time = await Timing.MeasureAsync(() => PlainDumpAsync(file, level, cancellationToken));
        var verify = await Timing.MeasureAsync(async () => (await ProcessRunner.RunAsync(new ProcessSpec("pg_restore", ["--file=/dev/null", file]), cancellationToken)).EnsureSuccess());
        report.Compression.Add(new(level, time, new FileInfo(file).Length, verify));
        Console.WriteLine($"  -Z{level}: dump {Timing.Seconds(time)}, {new FileInfo(file).Length / 1048576} MB, full read {Timing.Seconds(verify)}");
        File.Delete(file);
    }

    private async Task RoundAsync(int round, CancellationToken cancellationToken)
    {
        var options = new BackupOptions { Directory = Path.Combine(directory, "runway"), RestoreJobs = settings.Jobs };
        var file = Path.Combine(directory, "plain.dump");
        // Alternate who goes first, so neither always gets the warmer cache.
        var runwayFirst = round % 2 == 0;
        BackupRecord record = null!;
        RestoreDrillResult drill = null!;
        Func<Task<TimeSpan>> plainDumpStep = () => Timing.MeasureAsync(() => PlainDumpAsync(file, options.CompressionLevel, cancellationToken));
        Func<Task<TimeSpan>> runwayBackupStep = () => Timing.MeasureAsync(async () => record = await new BackupStore(options, Logger.None, TimeProvider.System).BackupAsync(cluster.ConnectionString(Source), cancellationToken));
        var (runwayBackup, plainDump) = runwayFirst ? (await runwayBackupStep(), await plainDumpStep()) : Swap(await plainDumpStep(), await runwayBackupStep());
        Func<Task<TimeSpan>> plainRestoreStep = () => PlainRestoreAsync(file, cancellationToken);
        Func<Task<TimeSpan>> drillStep = () => Timing.MeasureAsync(async () => drill = await new RestoreDrill(options, Logger.None, TimeProvider.System).RunAsync(cluster.ConnectionString(Source), record, cancellationToken));
        var (runwayDrill, plainRestore) = runwayFirst ? (await drillStep(), await plainRestoreStep()) : Swap(await plainRestoreStep(), await drillStep());
        if (!drill.Succeeded) throw new InvalidOperationException(string.Join("; ", drill.Problems));
        report.Backups.Add(new(plainDump, record.Duration, runwayBackup, plainRestore, drill.RestoreDuration, runwayDrill, record.SizeBytes));
        Console.WriteLine($"  round {round}: pg_dump {Timing.Seconds(plainDump)} | Runway dump {Timing.Seconds(record.Duration)}, +verify {Timing.Seconds(runwayBackup)} | " +
                          $"pg_restore {Timing.Seconds(plainRestore)} | drill restore {Timing.Seconds(drill.RestoreDuration)}, whole drill {Timing.Seconds(runwayDrill)}");
        File.Delete(file);
        File.Delete(record.File);
    }

    private async Task PlainDumpAsync(string file, int level, CancellationToken cancellationToken) =>
        (await ProcessRunner.RunAsync(new ProcessSpec("pg_dump", ["--host=127.0.0.1", $"--port={cluster.Port}", "--username=postgres", "--format=custom", $"--compress={level}", $"--file={file}", Source]), cancellationToken)).EnsureSuccess();

    private async Task<TimeSpan> PlainRestoreAsync(string file, CancellationToken cancellationToken)
    {
        var database = $"bench_plain_{++_scratch}";
        await cluster.EnsureDatabaseAsync(database, cancellationToken);
        var time = await Timing.MeasureAsync(async () => (await ProcessRunner.RunAsync(new ProcessSpec("pg_restore",
            ["--host=127.0.0.1", $"--port={cluster.Port}", "--username=postgres", "--no-owner", "--exit-on-error", $"--jobs={settings.Jobs}", $"--dbname={database}", file]), cancellationToken)).EnsureSuccess());
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(cluster.ConnectionString("postgres"));
        await DataGenerator.ExecuteAsync(dataSource, $"DROP DATABASE {database} WITH (FORCE)", cancellationToken);
        return time;
    }

    private static (TimeSpan Runway, TimeSpan Plain) Swap(TimeSpan plain, TimeSpan runway) => (runway, plain);
}
