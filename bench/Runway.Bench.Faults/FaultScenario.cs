using System.Diagnostics;
using Npgsql;
using Runway.Bench.Rollout;
using Runway.Database;
using Runway.Environments.Local;
using Runway.Load;
using Serilog.Core;

namespace Runway.Bench.Faults;

/// <summary>
/// The faults, each mid-bake and under one steady load through the router: SIGTERM (1.1.0), SIGKILL with a short
/// lease (1.2.0), 20 concurrent Deploys (1.4.0), and a PostgreSQL restart with a second Deploy taking over (1.3.0).
/// </summary>
internal sealed class FaultScenario(string repository, BenchRoot root, BuildInvoker build, HttpClient http, FaultFigures figures, string logFile, double leaseSeconds)
{
    private const string Stable = "1.0.0";
    private static readonly TimeSpan BakeWait = TimeSpan.FromMinutes(5);

    private LocalCluster Cluster => new(new LocalClusterOptions(Path.Combine(root.TemporaryDirectory, "postgres"), root.Ports.Postgres), PostgresBinaries.Default, Logger.None);

    private RouterClient Router => new(http, root.Ports.RouterAdmin, Path.Combine(root.TemporaryDirectory, "environments", "local", "router.token"));

    public async Task RunAsync(LoadGenerator load, ReleaseWatch watch, CancellationToken cancellationToken)
    {
        await SigtermAsync(load, watch, cancellationToken);
        await SigkillAsync(load, watch, cancellationToken);
        await ConcurrentAsync(cancellationToken);
        await RestartAsync(cancellationToken);
    }

    private async Task SigtermAsync(LoadGenerator load, ReleaseWatch watch, CancellationToken cancellationToken)
    {
        using var run = await StartBakingAsync("SIGTERM mid-bake of 1.1.0", "1.1.0", cancellationToken);
        var before = load.Snapshot();
        var signalled = Stopwatch.GetTimestamp();
        run.Signal("TERM");
        var routed = await AllTrafficOnAsync(Stable, TimeSpan.FromSeconds(30), cancellationToken);
        var exited = await run.WaitForExitAsync(cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        figures.Sigterm = new SigtermFigures(Seconds(signalled, routed), Seconds(signalled, watch.AllAnswerFrom(Stable, signalled, Stopwatch.GetTimestamp())),
            Seconds(signalled, exited) ?? double.NaN, run.ExitCode, await LatestStateAsync("1.1.0", cancellationToken), LoadWindow.Between(before, load.Snapshot()));
        await run.WriteLogAsync(logFile);
    }

    private async Task SigkillAsync(LoadGenerator load, ReleaseWatch watch, CancellationToken cancellationToken)
    {
        using (var run = await StartBakingAsync("SIGKILL mid-bake of 1.2.0", "1.2.0", cancellationToken, "--traffic-lease", $"{leaseSeconds}s"))
        {
            var before = load.Snapshot();
            var killed = Stopwatch.GetTimestamp();
            run.Signal("KILL");
            var routed = await AllTrafficOnAsync(Stable, TimeSpan.FromSeconds(leaseSeconds + 30), cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            figures.Sigkill = new SigkillFigures(leaseSeconds, Seconds(killed, routed),
                Seconds(killed, watch.AllAnswerFrom(Stable, killed, Stopwatch.GetTimestamp())), LoadWindow.Between(before, load.Snapshot()));
            await run.WriteLogAsync(logFile);
        }
        Ensure(await build.RunAsync("Rollback of the orphaned 1.2.0", ["Rollback"], cancellationToken), succeeded: true);
    }

    private async Task ConcurrentAsync(CancellationToken cancellationToken)
    {
        const int Runs = 20;
        var locksBefore = await CountAsync("SELECT count(*) FROM runway.events WHERE type = 'environment.locked'", cancellationToken);
        var runs = Enumerable.Range(1, Runs).Select(i => BuildProcess.Start(repository, root.Directory, $"concurrent Deploy #{i}",
            ["Deploy", "--version", "1.4.0", "--bake-time", "5m"])).ToList();
        try
        {
            var refusals = await Task.WhenAll(runs.Select(r => RefusalAsync(r, cancellationToken)));
            var refused = refusals.OfType<double>().ToList();
            var winner = runs.SingleOrDefault(r => r.FirstLine("Took environment local") is not null);
            winner?.Signal("TERM");
            if (winner is not null) await winner.WaitForExitAsync(cancellationToken);
            var wrote = runs.Where(r => r != winner).Count(r => r.FirstLine("Waived") is not null || r.FirstLine("Step ") is not null);
            figures.Concurrent = new ConcurrentFigures(Runs, refused.Count, refused,
                await CountAsync("SELECT count(*) FROM runway.events WHERE type = 'environment.locked'", cancellationToken) - locksBefore, wrote);
        }
        finally
        {
            foreach (var run in runs)
            {
                await run.WriteLogAsync(logFile);
                run.Dispose();
            }
        }
    }

    // Seconds from start to exit of a refused run; null for the run that got the environment (it is still baking).
    private static async Task<double?> RefusalAsync(BuildProcess run, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (run.FirstLine("is locked") is null && run.FirstLine("Canary bake of") is null && run.FirstLine("Build failed") is null && clock.Elapsed < BakeWait)
            await Task.Delay(20, cancellationToken);
        if (run.FirstLine("is locked") is null) return null;
        return Seconds(run.Started, await run.WaitForExitAsync(cancellationToken));
    }

    private async Task RestartAsync(CancellationToken cancellationToken)
    {
        using var first = await StartBakingAsync("first Deploy of 1.3.0 (loses its lock)", "1.3.0", cancellationToken);
        var restart = Stopwatch.GetTimestamp();
        await Cluster.StopAsync(cancellationToken);
        await Cluster.StartAsync(cancellationToken);
        using var second = BuildProcess.Start(repository, root.Directory, "second Deploy of 1.3.0 (takes over)",
            ["Deploy", "--version", "1.3.0", "--bake-time", "10s", "--max-error-rate-increase", "0.5"]);
        var firstExit = await first.WaitForExitAsync(cancellationToken);
        await second.WaitForExitAsync(cancellationToken);
        var lost = first.FirstLine("Lost the lock on environment") ?? firstExit;
        var took = second.FirstLine("Took environment local");
        figures.Restart = new RestartFigures(Seconds(restart, lost), Seconds(restart, took),
            took is { } t ? (lost > t ? Stopwatch.GetElapsedTime(t, lost).TotalSeconds : 0) : null,
            first.FirstLine("Rolling back") is not null, first.ExitCode, second.ExitCode);
        await first.WriteLogAsync(logFile);
        await second.WriteLogAsync(logFile);
    }

    private async Task<BuildProcess> StartBakingAsync(string name, string release, CancellationToken cancellationToken, params string[] extra)
    {
        var run = BuildProcess.Start(repository, root.Directory, name, ["Deploy", "--version", release, "--bake-time", "5m", .. extra]);
        await run.WaitForLineAsync($"Canary bake of {release} against {Stable} started", BakeWait, cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken); // the canary takes its share of the load first
        return run;
    }

    private async Task<long?> AllTrafficOnAsync(string release, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            var table = await Router.GetAsync(cancellationToken);
            if (table.Pools.Any(p => p.Release == release && p.Weight == 100)) return Stopwatch.GetTimestamp();
            await Task.Delay(10, cancellationToken);
        }
        figures.Problems.Add($"The router did not give {release} all traffic within {timeout.TotalSeconds:0} s.");
        return null;
    }

    private async Task<string?> LatestStateAsync(string release, CancellationToken cancellationToken) =>
        await ScalarAsync("SELECT state || ': ' || coalesce(failure_reason, '') FROM runway.deployments WHERE release = $1 ORDER BY id DESC LIMIT 1",
            cancellationToken, release) as string;

    private async Task<long> CountAsync(string sql, CancellationToken cancellationToken) => (long)(await ScalarAsync(sql, cancellationToken))!;

    private async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var connection = new NpgsqlConnection(Cluster.ConnectionString("runway_ledger"));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private void Ensure(Runway.Bench.Rollout.BuildRun run, bool succeeded)
    {
        if ((run.ExitCode == 0) == succeeded) return;
        figures.Problems.Add($"{run.Name} exited {run.ExitCode}, expected {(succeeded ? "success" : "a failure")}; see the run log.");
    }

    private static double? Seconds(long from, long? to) => to is { } end ? Stopwatch.GetElapsedTime(from, end).TotalSeconds : null;
}
