using Runway.Bench.Database;
using Runway.Database;
using Serilog.Core;

// Usage: dotnet run -c Release --project bench/Runway.Bench.Database -- [--size-mb 520] [--scripts 500] [--rounds 3] [--migration-rounds 5] [--jobs 2] [--repository-only [--s3-size-mb 512]]
var settings = BenchSettings.Parse(args);
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancellation.Cancel(); };
var work = Path.Combine(Path.GetTempPath(), "runway-bench-db-" + Guid.NewGuid().ToString("N")[..8]);
var cluster = new LocalCluster(new LocalClusterOptions(Path.Combine(work, "cluster"), FreePort.Next(), Durable: false), PostgresBinaries.Default, Logger.None);
try
{
    await cluster.StartAsync(cancellation.Token);
    if (settings.RepositoryOnly)
    {
        var section = await new RepositoryBench(cluster, Path.Combine(work, "repository"), settings).RunAsync(cancellation.Token);
        Console.WriteLine();
        Console.WriteLine(section);
        SectionFile.Write(ResultsFile.Find(), "## database-repository", section);
        return 0;
    }
    var report = new BenchReport(settings);
    await new BackupBench(cluster, Path.Combine(work, "backups"), settings, report).RunAsync(cancellation.Token);
    await new MigrationBench(cluster, Path.Combine(work, "migrations"), settings, report).RunAsync(cancellation.Token);
    Console.WriteLine();
    Console.WriteLine(report.Markdown());
    report.WriteResults(ResultsFile.Find());
    return 0;
}
finally
{
    await cluster.StopAsync(CancellationToken.None);
    Directory.Delete(work, recursive: true);
}
