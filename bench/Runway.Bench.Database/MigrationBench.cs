using System.Globalization;
using DbUp;
using Npgsql;
using Runway.Database;
using Runway.Database.Migrations;
using Serilog.Core;

namespace Runway.Bench.Database;

/// <summary>Applies the same small scripts with MigrationRunner and with DbUp, each on a fresh database.</summary>
internal sealed class MigrationBench(LocalCluster cluster, string directory, BenchSettings settings, BenchReport report)
{
    private int _databases;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        WriteScripts();
        Console.WriteLine($"Applying {settings.Scripts} scripts, {settings.MigrationRounds} rounds after an untimed warm-up of each …");
        // Both runners' code is compiled by the JIT on first use; the warm-up keeps that out of the figures.
        await RunwayAsync(cancellationToken);
        await DbUpAsync(cancellationToken);
        for (var round = 1; round <= settings.MigrationRounds; round++)
        {
            // Alternate who goes first, so neither always gets the warmer cache.
            TimeSpan runway, dbup;
            if (round % 2 == 1)
            {
                runway = await RunwayAsync(cancellationToken);
                dbup = await DbUpAsync(cancellationToken);
            }
            else
            {
                dbup = await DbUpAsync(cancellationToken);
                runway = await RunwayAsync(cancellationToken);
            }
            report.Migrations.Add(new(runway, dbup));
            Console.WriteLine($"  round {round}: MigrationRunner {Timing.Seconds(runway)} | DbUp {Timing.Seconds(dbup)}");
        }
    }

    private void WriteScripts()
    {
        Directory.CreateDirectory(directory);
        for (var i = 1; i <= settings.Scripts; i++)
        {
            // Zero-padded so that DbUp's name order is the version order too.
            var n = i.ToString("D4", CultureInfo.InvariantCulture);
            File.WriteAllText(Path.Combine(directory, $"V{n}__step_{n}.sql"),
                $"CREATE TABLE step_{n} (id int PRIMARY KEY, name text NOT NULL);\nINSERT INTO step_{n} VALUES (1, 'step {n}');\n");
        }
    }

    private async Task<TimeSpan> RunwayAsync(CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(await FreshAsync(cancellationToken));
        var runner = new MigrationRunner(dataSource, new MigrationOptions { ScriptsDirectory = directory }, Logger.None, TimeProvider.System);
        MigrationResult result = null!;
        var time = await Timing.MeasureAsync(async () => result = await runner.UpgradeAsync(cancellationToken));
        if (!result.Successful || result.Applied.Count != settings.Scripts) throw new InvalidOperationException("MigrationRunner: " + result.Error);
        return time;
    }

    private async Task<TimeSpan> DbUpAsync(CancellationToken cancellationToken)
    {
        var connectionString = await FreshAsync(cancellationToken);
        DbUp.Engine.DatabaseUpgradeResult result = null!;
        var time = await Timing.MeasureAsync(() =>
        {
            result = DeployChanges.To.PostgresqlDatabase(connectionString).WithScriptsFromFileSystem(directory)
                .WithTransactionPerScript().LogToNowhere().Build().PerformUpgrade();
            return Task.CompletedTask;
        });
        if (!result.Successful || result.Scripts.Count() != settings.Scripts) throw new InvalidOperationException("DbUp: " + result.Error);
        return time;
    }

    private async Task<string> FreshAsync(CancellationToken cancellationToken)
    {
        var name = $"bench_migrations_{++_databases}";
        await cluster.EnsureDatabaseAsync(name, cancellationToken);
        return cluster.ConnectionString(name);
    }
}
