using System.Text.Json.Nodes;
using Runway.Smoke;
using Runway.Tests.EndToEnd.Support;
using Shouldly;
using Xunit;

namespace Runway.Tests.EndToEnd;

/// <summary>
/// The canary judged against a fresh baseline pool (Kayenta's way), through <c>./build.sh</c>. The live pool of the
/// previous release is kept busy with traffic of its own, the condition under which a healthy canary used to lose
/// on latency to it (a busy instance answers faster than one that serves a tenth of the traffic). With the default
/// judge, a healthy release must pass against a pool of the previous release that is as new, as large and as busy as
/// the canary; a bad one must still fail; and no baseline pool may outlive the bake, nor a run killed in it.
/// </summary>
[Collection(EndToEndCollections.Releases)]
public sealed class BaselineTests : IAsyncLifetime
{
    private const string BaselineEvidence =
        "SELECT s.evidence -> 'baselinePool' ->> '{0}' FROM runway.steps s JOIN runway.phases p ON p.id = s.phase_id " +
        "JOIN runway.deployments d ON d.id = p.deployment_id WHERE d.release = @release AND s.name = 'canary-analysis' ORDER BY s.id DESC LIMIT 1";

    private AdoptingRepository _repository = null!;

    public async Task InitializeAsync() => _repository = await AdoptingRepository.CreateAsync("baseline");

    public async Task DisposeAsync() => await _repository.DisposeAsync();

    [Fact]
    public async Task Canary_JudgedAgainstAFreshBaseline_PassesBesideABusyStablePool_AndABadOneStillFails()
    {
        (await _repository.RunAsync("Deploy")).ShouldSucceed("(a) Deploy 1.0.0");

        await HealthyRelease_BesideABusyStablePool_PassesTheDefaultJudge();
        await BadRelease_StillFailsAgainstTheFreshBaseline();
        await RunKilledMidBake_LeavesNothingRollbackMishandles();
    }

    private async Task HealthyRelease_BesideABusyStablePool_PassesTheDefaultJudge()
    {
        BuildRun run;
        var key = (await File.ReadAllTextAsync(Path.Combine(_repository.TemporaryDirectory, "sample-signing.key"))).Trim();
        await using (await BusyTraffic.StartAsync(InstancesOf("1.0.0"), key))
            run = await _repository.RunAsync("Deploy", "--version", "1.1.0");

        run.ShouldSucceed("(b) Deploy 1.1.0 with the default judge while 1.0.0's pool is busy")
            .ShouldSay("Canary bake ended Pass", "(b)")
            .ShouldSay("Fresh baseline pool 1.0.0~baseline", "(b) the run says it judges against a fresh pool");
        (await EvidenceAsync("1.1.0", "kind")).ShouldBe("fresh", "(b) the ledger names the baseline the canary was judged against");
        (await EvidenceAsync("1.1.0", "pool")).ShouldBe("1.0.0~baseline");
        (await EvidenceAsync("1.1.0", "instances")).ShouldBe("2", "(b) as many instances as the canary");
        await ShouldHaveNoBaselinePoolAsync("(b)");
    }

    private async Task BadRelease_StillFailsAgainstTheFreshBaseline()
    {
        var run = await _repository.RunAsync("Deploy", "--version", "1.2.0", "--sample-error-rate", "0.3");

        run.ShouldFail("(c) Deploy 1.2.0 erring on purpose")
            .ShouldSay("The canary of 1.2.0 failed its analysis: Canary error rate", "(c)")
            .ShouldSay("Fresh baseline pool 1.1.0~baseline", "(c)");
        (await EvidenceAsync("1.2.0", "kind")).ShouldBe("fresh", "(c) the failed bake's evidence names the fresh baseline too");
        var status = await _repository.StatusAsync();
        Weights(status).ShouldBe(["1.1.0=100"], "(c) rolled back: only 1.1.0 runs, with all traffic");
        await ShouldHaveNoBaselinePoolAsync("(c)");
    }

    private async Task RunKilledMidBake_LeavesNothingRollbackMishandles()
    {
        using (var killed = _repository.Start("Deploy", "--version", "1.3.0", "--bake-time", "2m"))
        {
            await killed.WaitForOutputAsync("Canary bake of 1.3.0 against 1.1.0 started", TimeSpan.FromMinutes(4));
            (await new RouterWatch(_repository).WeightsAsync()).ShouldContain("1.1.0~baseline=10", "(d) the fresh baseline has the canary's share");
            await killed.KillAsync();
        }

        (await _repository.RunAsync("Rollback")).ShouldSucceed("(d) on-call's Rollback after a run killed mid-bake");

        Weights(await _repository.StatusAsync()).ShouldBe(["1.1.0=100"], "(d) all traffic on the previous release, and nothing else runs");
        await ShouldHaveNoBaselinePoolAsync("(d)");
    }

    private async Task ShouldHaveNoBaselinePoolAsync(string step)
    {
        Weights(await _repository.StatusAsync()).ShouldAllBe(pool => !pool.Contains('~'), $"{step} Status lists no baseline pool");
        (await new RouterWatch(_repository).WeightsAsync()).ShouldAllBe(pool => !pool.Contains('~'), $"{step} the router's table holds no baseline pool");
        var state = JsonNode.Parse(await File.ReadAllTextAsync(StateFile))!["pools"]!.AsObject();
        state.Select(p => p.Key).ShouldAllBe(key => !key.Contains('~'), $"{step} no baseline replica is left running");
    }

    private Task<string?> EvidenceAsync(string release, string field) =>
        AdoptingRepository.QueryAsync<string>(_repository.LedgerDatabase, BaselineEvidence.Replace("{0}", field, StringComparison.Ordinal), ("release", release));

    private string StateFile => Path.Combine(_repository.TemporaryDirectory, "environments", "local", "state.json");

    private Uri[] InstancesOf(string release) =>
        [.. JsonNode.Parse(File.ReadAllText(StateFile))!["pools"]![release]!.AsArray()
            .Select(instance => new Uri($"http://127.0.0.1:{instance!["port"]!.GetValue<int>()}"))];

    private static string[] Weights(JsonObject status) => [.. status["pools"]!.AsArray().Select(p => $"{p!["release"]}={p["weight"]}")];

    /// <summary>
    /// Requests straight to a pool's instances, beside the router, for as long as it is kept: the stable pool's other
    /// users. Last session's bench kept it this busy (~300 req/s of <c>/version</c> beside 40 req/s of the API), and a
    /// healthy canary lost 1.45× to it. Here: two loops of <c>/version</c>, and three of the contract's API request, each
    /// with a token of its own paced under the per-client rate limit (so they are answered, not refused with 429).
    /// </summary>
    private sealed class BusyTraffic : IAsyncDisposable
    {
        private static readonly TimeSpan ApiPause = TimeSpan.FromMilliseconds(25);

        private readonly CancellationTokenSource _stop = new();
        private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
        private Task _loops = Task.CompletedTask;

        public static Task<BusyTraffic> StartAsync(IReadOnlyList<Uri> instances, string signingKey)
        {
            var traffic = new BusyTraffic();
            traffic._loops = Task.WhenAll([
                .. Enumerable.Range(0, 2).Select(i => traffic.LoopAsync(instances, i, "/version", null, TimeSpan.FromMilliseconds(3))),
                .. Enumerable.Range(0, 3).Select(i => traffic.LoopAsync(instances, i, "/api/orchestrations",
                    SampleToken.Create(signingKey, $"busy-{i}", TimeSpan.FromHours(1), TimeProvider.System), ApiPause)),
            ]);
            return Task.FromResult(traffic);
        }

        private async Task LoopAsync(IReadOnlyList<Uri> instances, int offset, string path, string? token, TimeSpan pause)
        {
            for (var i = offset; !_stop.IsCancellationRequested; i++)
            {
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(instances[i % instances.Count], path));
                    if (token is not null) request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
                    using var response = await _http.SendAsync(request, _stop.Token);
                    await Task.Delay(pause, _stop.Token);
                }
                catch (Exception error) when (error is HttpRequestException or OperationCanceledException)
                {
                    // Busy traffic only spends the pool's time; its answers do not matter (and the pool may go at the end).
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _loops;
            _stop.Dispose();
            _http.Dispose();
        }
    }
}
