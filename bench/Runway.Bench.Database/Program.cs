using Runway.Bench.Database;
using Runway.Database;
using Serilog.Core;

// Usage: dotnet run -c Release --project bench/Runway.Bench.Database -- [--size-mb 520] [--scripts 500] [--rounds 3] [--migration-rounds 5] [--jobs 2]
//        [--s3-size-mb 512] [--repository-only] [--smoke]
// With no option it runs everything at the sizes the goals name (a 577 MB database, a 512 MB archive) and writes the
// `## database` and `## database-repository` sections of bench/RESULTS.md. --smoke: small sizes, nothing written.
var settings = BenchSettings.Parse(args);
#if DEBUG
if (!settings.Smoke)
{
    Console.Error.WriteLine("This is a Debug build: its figures would not be comparable. Run with -c Release (or --smoke to only prove the bench works).");
    return 2;
}
#endif
if (settings.Smoke) Console.WriteLine("Smoke run: small sizes; bench/RESULTS.md is not written.");
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
        if (!settings.Smoke) SectionFile.Write(ResultsFile.Find(), "## database-repository", section);
        return 0;
    }
    var report = new BenchReport(settings);
    await new BackupBench(cluster, Path.Combine(work, "backups"), settings, report).RunAsync(cancellation.Token);
    await new MigrationBench(cluster, Path.Combine(work, "migrations"), settings, report).RunAsync(cancellation.Token);
    var repository = await new RepositoryBench(cluster, Path.Combine(work, "repository"), settings, report.DatabaseBytes).RunAsync(cancellation.Token);
    Console.WriteLine();
    Console.WriteLine(report.Markdown());
    Console.WriteLine(repository);
    if (settings.Smoke) return 0;
    report.WriteResults(ResultsFile.Find());
    SectionFile.Write(ResultsFile.Find(), "## database-repository", repository);
    return 0;
}
finally
{
    await cluster.StopAsync(CancellationToken.None);
    Directory.Delete(work, recursive: true);
}
