using System.Globalization;
using System.Text.Json.Nodes;
using Runway.Environments.HAProxy;
using Runway.Load;
using Runway.Processes;
using Runway.Service;
using Runway.Smoke;
using Runway.Testing;
using Runway.Tests.EndToEnd.Support;
using Serilog.Core;
using Shouldly;
using Xunit;

namespace Runway.Tests.EndToEnd;

/// <summary>
/// The production example (deploy/examples/haproxy-prometheus) as a team runs it, through <c>./build.sh --profile
/// haproxy-prometheus</c>: the example's own scripts start a real HAProxy and a real Prometheus and the pools (with
/// staging), Runway sets weights through HAProxy's admin socket and judges the canary from PromQL over metrics named
/// the way a Node.js service names them (<c>http_request_duration_seconds</c> with <c>status_code</c>, <c>method</c>,
/// <c>path</c>), all under a steady load of users through HAProxy.
/// </summary>
[Collection(EndToEndCollections.FaultsAndData)]
public sealed class ProductionExampleTests
{
    private const string Example = "deploy/examples/haproxy-prometheus";

    [Fact]
    public async Task DeployThroughHAProxyAndPrometheus_FailingCanaryCaughtGoodReleaseRolledOutThenRolledBack_NoUserRequestFails()
    {
        var postgres = new PostgresServer();
        await postgres.InitializeAsync();
        await using var repository = await AdoptingRepository.CreateAsync("production-example");
        var example = await ExampleEnvironment.StartAsync(repository, postgres);
        try
        {
            (await example.DeployAsync("1.0.0")).ShouldSucceed("first deployment")
                .ShouldSay("Running the deploy-pool command of staging", "staging is the same commands with RUNWAY_ENVIRONMENT=staging")
                .ShouldSay("Checklist item metrics-reachable done", "Prometheus sees staging's traffic");

            await using (var users = example.SteadyUsers())
            {
                var bad = await example.DeployAsync("1.1.0", ("Sample__ErrorRate", "0.3"));
                bad.ShouldFail("a release answering 30 % of its API requests with 500")
                    .ShouldSay("Canary bake ended Fail", "the canary judged from Prometheus")
                    .ShouldSay("error rate", "caught on its errors")
                    .ShouldSay("Rolling back deployment", "automatic rollback");
                (await users.FailuresAsync()).ShouldBe(0, "users through HAProxy while the failing canary was caught and rolled back");
                (await example.HAProxyWeightsAsync()).ShouldBe(await example.LedgerWeightsAsync());
                (await example.HAProxyWeightsAsync()).ShouldBe(new Dictionary<string, int> { ["1.0.0"] = 100 });
                (await example.CanaryQueriesAsync()).ShouldContain("http_request_duration_seconds_count");
            }

            await using (var users = example.SteadyUsers())
            {
                (await example.DeployAsync("1.2.0")).ShouldSucceed("a good release through canary, 50 %, 100 %");
                (await users.FailuresAsync()).ShouldBe(0, "users through HAProxy during the deployment");
                (await example.HAProxyWeightsAsync()).ShouldBe(await example.LedgerWeightsAsync());
                (await example.HAProxyWeightsAsync()).ShouldBe(new Dictionary<string, int> { ["1.2.0"] = 100 });
            }

            await using (var users = example.SteadyUsers())
            {
                (await example.RunAsync("Rollback")).ShouldSucceed("on-call rollback");
                (await users.FailuresAsync()).ShouldBe(0, "users through HAProxy during the rollback");
                (await example.HAProxyWeightsAsync()).ShouldBe(await example.LedgerWeightsAsync());
                (await example.HAProxyWeightsAsync()).ShouldBe(new Dictionary<string, int> { ["1.0.0"] = 100 });
                (await users.ReleasesAsync()).ShouldContain("1.0.0");
            }

            // Status asks HAProxy and the commands; Down stops nothing of the team's and says so.
            var status = JsonNode.Parse((await example.RunAsync("Status", "--json", "--verbosity", "quiet")).ShouldSucceed("Status").Output)!;
            status["weights"]!.ToJsonString().ShouldBe("{\"1.0.0\":100}");
            // A runner that cannot reach the instances reads their health from HAProxy's own checks of the example's haproxy.cfg.
            var checkedByHAProxy = JsonNode.Parse((await example.RunAsync("Status", "--json", "--verbosity", "quiet", "--instances-reachable", "false"))
                .ShouldSucceed("Status through HAProxy's checks").Output)!["pools"]!.AsArray().SelectMany(p => p!["instances"]!.AsArray()).ToList();
            checkedByHAProxy.ShouldNotBeEmpty();
            checkedByHAProxy.ShouldAllBe(i => i!["healthy"] != null && i["healthy"]!.GetValue<bool>(), string.Join("; ", checkedByHAProxy.Select(i => i!["problem"])));
            (await example.RunAsync("Down")).ShouldSucceed("Down").ShouldSay("Nothing to stop in production", "Down of a command environment");
            (await example.HAProxyWeightsAsync()).ShouldBe(new Dictionary<string, int> { ["1.0.0"] = 100 }, "Down left the team's pools serving");
        }
        finally
        {
            await example.StopAsync();
            await postgres.DisposeAsync();
        }
    }

    /// <summary>The example's HAProxy, Prometheus and pools for one adopting repository, and the variables its runs get.</summary>
    private sealed class ExampleEnvironment
    {
        private readonly AdoptingRepository _repository;
        private readonly Dictionary<string, string> _variables;
        private readonly string _ledger;

        private ExampleEnvironment(AdoptingRepository repository, Dictionary<string, string> variables, string ledger)
        {
            _repository = repository;
            _variables = variables;
            _ledger = ledger;
        }

        private Uri HAProxyUrl => new(_variables["RUNWAY_HAPROXY_URL"]);

        public static async Task<ExampleEnvironment> StartAsync(AdoptingRepository repository, PostgresServer postgres)
        {
            await repository.AddAndCommitAsync(".nuke/parameters.haproxy-prometheus.json",
                await File.ReadAllTextAsync(Path.Combine(repository.Directory, Example, "parameters.haproxy-prometheus.json")), "Profile haproxy-prometheus");
            var state = Path.Combine(repository.TemporaryDirectory, "example");
            Directory.CreateDirectory(state);
            var (haproxy, staging, prometheus) = (PostgresServer.FreePort(), PostgresServer.FreePort(), PostgresServer.FreePort());
            var database = await postgres.CreateDatabaseAsync("example");
            const string key = "production-example-signing-key-0123456789";
            var variables = new Dictionary<string, string>
            {
                ["EXAMPLE_STATE"] = state,
                ["HAPROXY_PORT"] = Text(haproxy),
                ["STAGING_PORT"] = Text(staging),
                ["PROMETHEUS_PORT"] = Text(prometheus),
                ["EXAMPLE_SERVICE_PROJECT"] = Path.Combine(RepositoryRoot.Path, "src", "Runway.Sample", "Runway.Sample.csproj"),
                ["RUNWAY_HAPROXY_SOCKET"] = Path.Combine(state, "haproxy.sock"),
                ["RUNWAY_HAPROXY_URL"] = $"http://127.0.0.1:{Text(haproxy)}",
                ["RUNWAY_STAGING_HAPROXY_URL"] = $"http://127.0.0.1:{Text(staging)}",
                ["RUNWAY_PROMETHEUS_URL"] = $"http://127.0.0.1:{Text(prometheus)}",
                ["RUNWAY_LEDGER_CONNECTION_STRING"] = await postgres.CreateDatabaseAsync("ledger"),
                ["RUNWAY_DATABASE_CONNECTION_STRING"] = database,
                ["RUNWAY_STAGING_DATABASE_CONNECTION_STRING"] = await postgres.CreateDatabaseAsync("staging"),
                ["RUNWAY_SERVICE_TOKEN"] = SampleToken.Create(key, "runway-e2e", TimeSpan.FromHours(2), TimeProvider.System),
                ["RUNWAY_WAIVE_SIGN_OFFS"] = "end-to-end test of the production example: no people to sign off",
                ["ConnectionStrings__Sample"] = database,
                ["Sample__JwtSigningKey"] = key,
            };
            var example = new ExampleEnvironment(repository, variables, variables["RUNWAY_LEDGER_CONNECTION_STRING"]);
            (await example.ScriptAsync("start.sh")).EnsureSuccess();
            return example;
        }

        /// <summary>Deploys <paramref name="release"/> with a short bake; <paramref name="service"/> are extra variables the pools get.</summary>
        public Task<BuildRun> DeployAsync(string release, params (string Name, string Value)[] service) =>
            RunAsync(service, "Deploy", "--version", release, "--bake-time", "12s", "--analysis-interval", "3s", "--min-requests", "20",
                // A freshly started canary answers in a few ms, slower than a warm baseline on a loaded machine; this
                // story is about HAProxy, Prometheus and the user's traffic, not about millisecond latency verdicts.
                "--max-latency-increase", "5");

        public Task<BuildRun> RunAsync(params string[] arguments) => RunAsync([], arguments);

        private Task<BuildRun> RunAsync((string Name, string Value)[] service, params string[] arguments) =>
            _repository.RunWithEnvironmentAsync(
                new Dictionary<string, string>(_variables.Concat(service.Select(v => KeyValuePair.Create(v.Name, v.Value)))),
                [.. arguments, "--profile", "haproxy-prometheus"]);

        /// <summary>A steady load of users through HAProxy (GET /version, no auth, no rate limit), started now.</summary>
        public SteadyUsers SteadyUsers() => new(HAProxyUrl);

        /// <summary>The split HAProxy applies now, per release: its servers' weights (show stat) mapped to the pools read-instances prints.</summary>
        public async Task<Dictionary<string, int>> HAProxyWeightsAsync()
        {
            var servers = HAProxyServer.Parse(await new HAProxyRuntimeApi(_variables["RUNWAY_HAPROXY_SOCKET"]).SendAsync(["show stat"], CancellationToken.None), "service");
            var read = await ScriptAsync("read-instances.sh");
            read.EnsureSuccess();
            var byRelease = JsonNode.Parse(read.StandardOutput)!["pools"]!.AsArray().ToDictionary(
                pool => pool!["release"]!.GetValue<string>(),
                pool => pool!["instances"]!.AsArray().Select(i => new Uri(i!["url"]!.GetValue<string>()))
                    .Sum(url => servers.Where(s => s.Address == $"{url.Host}:{Text(url.Port)}").Sum(s => s.ServingWeight)));
            var total = byRelease.Values.Sum();
            return byRelease.Where(r => r.Value > 0).ToDictionary(r => r.Key, r => (int)Math.Round(r.Value * 100.0 / total));
        }

        /// <summary>The split the ledger recorded last for the environment's latest deployment (releases with traffic).</summary>
        public async Task<Dictionary<string, int>> LedgerWeightsAsync()
        {
            var weights = await AdoptingRepository.QueryAsync<string>(_ledger, """
                SELECT s.evidence->>'weights' FROM runway.steps s JOIN runway.phases p ON p.id = s.phase_id
                WHERE p.deployment_id = (SELECT max(id) FROM runway.deployments WHERE environment = 'production')
                  AND s.status = 'Succeeded' AND s.evidence ? 'weights'
                ORDER BY s.ended_at DESC LIMIT 1
                """);
            return JsonNode.Parse(weights ?? "{}")!.AsObject().Where(w => w.Value!.GetValue<int>() > 0).ToDictionary(w => w.Key, w => w.Value!.GetValue<int>());
        }

        /// <summary>The PromQL the latest deployment's canary ran, as its step evidence keeps it.</summary>
        public async Task<string> CanaryQueriesAsync() => await AdoptingRepository.QueryAsync<string>(_ledger, """
            SELECT coalesce(s.evidence::text, '') || coalesce(s.error, '') FROM runway.steps s JOIN runway.phases p ON p.id = s.phase_id
            WHERE p.deployment_id = (SELECT max(id) FROM runway.deployments WHERE environment = 'production') AND s.name = 'canary-analysis'
            """) ?? "";

        public async Task StopAsync() => await ScriptAsync("stop.sh");

        private Task<ProcessResult> ScriptAsync(string script) => ProcessRunner.RunAsync(
            new ProcessSpec("sh", [Path.Combine(_repository.Directory, Example, "scripts", script)]) { WorkingDirectory = _repository.Directory, Environment = _variables });

        private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Users through HAProxy: 20 requests a second until disposed.</summary>
    private sealed class SteadyUsers : IAsyncDisposable
    {
        private const int RequestsPerSecond = 20;
        private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
        private readonly CancellationTokenSource _stop = new();
        private readonly Task<LoadSnapshot> _running;

        public SteadyUsers(Uri url)
        {
            var load = new LoadGenerator(_http, new LoadOptions
            {
                Target = url, Request = new ServiceRequest("GET", "/version", null, new Dictionary<string, string>()), ReleaseHeader = "X-Release",
                RequestsPerSecond = RequestsPerSecond, Concurrency = 4, Duration = TimeSpan.FromMinutes(10),
            }, TimeProvider.System, Logger.None);
            _running = load.RunAsync(_stop.Token);
        }

        /// <summary>Stops the users and returns how many requests failed (no answer, or 500 and above), after checking they ran.</summary>
        public async Task<long> FailuresAsync()
        {
            var result = await StopAsync();
            // At least half the planned rate over the whole window: a run as short as an on-call rollback (~4 s) still
            // had users, and a load that stalled would show far fewer.
            result.Requests.ShouldBeGreaterThanOrEqualTo((long)(result.Elapsed.TotalSeconds * RequestsPerSecond / 2), $"the steady load ran through the whole run ({result.Elapsed})");
            result.Requests.ShouldBeGreaterThan(0);
            return result.Failures;
        }

        public async Task<IReadOnlyCollection<string>> ReleasesAsync() => (await StopAsync()).ByRelease.Keys.ToList();

        private async Task<LoadSnapshot> StopAsync()
        {
            await _stop.CancelAsync();
            return await _running;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            try { await _running; } catch (OperationCanceledException) { }
            _stop.Dispose();
            _http.Dispose();
        }
    }
}
