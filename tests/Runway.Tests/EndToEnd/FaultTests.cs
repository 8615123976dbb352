using System.Text.Json.Nodes;
using Runway.Database;
using Runway.Environments.Local;
using Runway.Tests.EndToEnd.Support;
using Serilog.Core;
using Shouldly;
using Xunit;

namespace Runway.Tests.EndToEnd;

/// <summary>
/// Faults in the middle of a canary bake, as CI and on-call meet them: a cancelled job (SIGTERM), a killed run
/// (SIGKILL) whose traffic lease lapses, a ledger restart that drops the lock, and Down/Status around a live run.
/// After each, users' traffic is on a judged release and the ledger says what happened.
/// </summary>
[Collection(EndToEndCollections.FaultsAndData)]
public sealed class FaultTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);
    private const string BakeStarted = "Canary bake of {0} against ";

    private AdoptingRepository _repository = null!;
    private RouterWatch _router = null!;

    public async Task InitializeAsync()
    {
        _repository = await AdoptingRepository.CreateAsync("faults");
        _router = new RouterWatch(_repository);
    }

    public async Task DisposeAsync() => await _repository.DisposeAsync();

    [Fact]
    public async Task FaultsMidBake_LeaveTrafficOnAJudgedRelease_AndTheLedgerTellsTheTruth()
    {
        (await _repository.RunAsync("Deploy")).ShouldSucceed("baseline Deploy 1.0.0");
        await Sigterm_MidBake_ReturnsTrafficToThePrevious_RecordsAborted_ExitsNonZero();
        await Sigkill_MidBake_TheLeaseReturnsTrafficToTheStableRelease_AndStatusReportsTheOrphan();
        await PostgresRestart_MidBake_StopsTheRunAtOnce_AndASecondDeployTakesOver();
        await RouterKilled_MidBake_TheRollbackStartsItAgain_AndStatusSaysWhileItIsDown();
        await Down_WhileARunHoldsTheEnvironment_IsRefused_AndStatusAfterDownStartsNothing();
    }

    private async Task Sigterm_MidBake_ReturnsTrafficToThePrevious_RecordsAborted_ExitsNonZero()
    {
        using var run = await StartBakingAsync("1.1.0");
        await run.SignalAsync("TERM");

        var ended = await run.WaitForExitAsync(TimeSpan.FromSeconds(60));

        ended.ShouldFail("(cancel) a cancelled Deploy exits non-zero")
            .ShouldSay("traffic returned to 1.0.0", "(cancel)");
        (await _router.WeightsAsync()).ShouldContain("1.0.0=100", "(cancel) all traffic back on the previous release");
        var deployment = (await _repository.StatusAsync())["deployment"]!;
        deployment["release"]!.GetValue<string>().ShouldBe("1.1.0");
        deployment["state"]!.GetValue<string>().ShouldBe("Aborted", "(cancel) the ledger records the abort, not a failure");
        deployment["failureReason"]!.GetValue<string>().ShouldContain("cancelled", Case.Sensitive, "(cancel) with its reason");
        deployment["failureReason"]!.GetValue<string>().ShouldNotContain("A task was canceled");
    }

    private async Task Sigkill_MidBake_TheLeaseReturnsTrafficToTheStableRelease_AndStatusReportsTheOrphan()
    {
        using (var run = await StartBakingAsync("1.2.0", "--traffic-lease", "4s"))
        {
            (await _router.WeightsAsync()).ShouldContain("1.2.0=10", "(lease) the canary has its weight before the kill");
            await run.KillAsync();
        }

        // The lease is 4 s; the router checks it every second. The margin is for a busy machine.
        await _router.WaitForAllTrafficOnAsync("1.0.0", TimeSpan.FromSeconds(20));

        var routerLog = await File.ReadAllTextAsync(Path.Combine(_repository.TemporaryDirectory, "environments", "local", "logs", "router.log"));
        routerLog.ShouldContain("lapsed", Case.Sensitive, "(lease) the router says why it moved the traffic");
        var status = await _repository.RunAsync("Status");
        status.ShouldSucceed("(lease) Status").ShouldSay("orphaned", "(lease) Status reports the killed run's deployment");
        (await _repository.RunAsync("Rollback")).ShouldSucceed("(lease) on-call rolls the orphan back");
    }

    private async Task PostgresRestart_MidBake_StopsTheRunAtOnce_AndASecondDeployTakesOver()
    {
        using var first = await StartBakingAsync("1.3.0");
        var cluster = new LocalCluster(new LocalClusterOptions(Path.Combine(_repository.TemporaryDirectory, "postgres"), _repository.Ports.Postgres),
            PostgresBinaries.Default, Logger.None);
        await cluster.StopAsync();
        await cluster.StartAsync();

        var stopped = await first.WaitForExitAsync(TimeSpan.FromSeconds(60));

        stopped.ShouldFail("(fence) the run that lost its lock").ShouldSay("Lost the lock on environment 'local'", "(fence) it says so");
        stopped.Output.ShouldNotContain("Rolling back", Case.Sensitive, "(fence) it never rolls back without the lock");
        var deployment = (await _repository.StatusAsync())["deployment"]!;
        deployment["state"]!.GetValue<string>().ShouldBe("Running", "(fence) it wrote nothing after losing the lock");
        // The replicas' pooled connections to their database broke with the restart and fail a few first requests;
        // this step is about the takeover, so the verdict is not what it tests.
        (await _repository.RunAsync("Deploy", "--version", "1.3.0", "--max-error-rate-increase", "0.5", "--max-latency-increase", "5")).ShouldSucceed("(fence) a second Deploy takes over")
            .ShouldSay($"Resuming deployment {deployment["id"]} of 1.3.0", "(fence)");
    }

    // The router is the users' only way in: when it dies mid-bake, nobody is served. The automatic rollback must
    // start it again (from its saved table) and put all traffic on the judged release, not give up on "connection refused".
    private async Task RouterKilled_MidBake_TheRollbackStartsItAgain_AndStatusSaysWhileItIsDown()
    {
        using (var run = await StartBakingAsync("1.3.5", "--bake-time", "20s"))
        {
            KillRouter();
            var ended = await run.WaitForExitAsync(TimeSpan.FromSeconds(120));
            ended.ShouldFail("(router) the canary whose router died").ShouldSay("Rolling back deployment", "(router)")
                .ShouldSay("was not running", "(router) says the router was down and started again");
        }

        (await _router.WeightsAsync()).ShouldContain("1.3.0=100", "(router) all traffic on the judged release");
        (await _repository.AskRouterAsync(10)).ShouldAllBe(a => a.Status == 200 && a.Release == "1.3.0", "(router) users are served again");
        (await _repository.StatusAsync())["deployment"]!["state"]!.GetValue<string>().ShouldBe("RolledBack", "(router)");

        // Status starts nothing, but says what is wrong instead of failing on "connection refused".
        KillRouter();
        (await _repository.RunAsync("Status")).ShouldSucceed("(router) Status with the router down")
            .ShouldSay("does not answer", "(router) Status names the dead router");
    }

    private void KillRouter()
    {
        var file = Path.Combine(_repository.TemporaryDirectory, "environments", "local", "state.json");
        var processId = JsonNode.Parse(File.ReadAllText(file))!["router"]!["processId"]!.GetValue<int>();
        using var router = System.Diagnostics.Process.GetProcessById(processId);
        router.Kill();
        router.WaitForExit(10_000).ShouldBeTrue("the router exits when killed");
    }

    private async Task Down_WhileARunHoldsTheEnvironment_IsRefused_AndStatusAfterDownStartsNothing()
    {
        using (var run = await StartBakingAsync("1.4.0"))
        {
            (await _repository.RunAsync("Down")).ShouldFail("(down) Down during a bake").ShouldSay("is held by", "(down) names the holder");
            (await _router.WeightsAsync()).ShouldContain("1.4.0=10", "(down) the refused Down stopped nothing");
            await run.SignalAsync("TERM");
            (await run.WaitForExitAsync(TimeSpan.FromSeconds(60))).ShouldFail("(down) the cancelled run");
        }

        using var stranger = StartStranger();
        try
        {
            PlantForeignReplica(stranger.Id);
            (await _repository.RunAsync("Down")).ShouldSucceed("(down) Down with no run holding the environment");
            stranger.HasExited.ShouldBeFalse("(down) Down signals only processes it started (start time and command line match)");
        }
        finally
        {
            if (!stranger.HasExited) stranger.Kill();
        }

        (await _repository.RunAsync("Status")).ShouldSucceed("(status) Status after Down").ShouldSay("not running", "(status)");
        File.Exists(Path.Combine(_repository.TemporaryDirectory, "postgres", "data", "postmaster.pid")).ShouldBeFalse("(status) Status started PostgreSQL");
    }

    private async Task<RunningBuild> StartBakingAsync(string release, params string[] extra)
    {
        string[] bake = extra.Contains("--bake-time") ? [] : ["--bake-time", "5m"];
        var run = _repository.Start(["Deploy", "--version", release, .. bake, .. extra]);
        await run.WaitForOutputAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, BakeStarted, release), Timeout);
        return run;
    }

    // A process Runway did not start whose pid lands in state.json (a recycled pid, or a hand-edited file).
    private static System.Diagnostics.Process StartStranger() =>
        System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sleep", "600") { UseShellExecute = false })!;

    private void PlantForeignReplica(int processId)
    {
        var file = Path.Combine(_repository.TemporaryDirectory, "environments", "local", "state.json");
        var state = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        var pool = state["pools"]!.AsObject().First().Value!.AsArray();
        pool.Add(new JsonObject { ["port"] = LoopbackPort.Free(), ["processId"] = processId });
        File.WriteAllText(file, state.ToJsonString());
    }
}
