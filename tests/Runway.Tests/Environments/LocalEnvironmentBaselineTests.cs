using Runway.Environments.Local;
using Runway.Testing;
using Serilog.Core;
using Shouldly;
using Xunit;

namespace Runway.Tests.Environments;

/// <summary>
/// A second pool of one release in the local runtime: the canary's fresh baseline, keyed <c>1.0.0~baseline</c>. It runs
/// 1.0.0's artifact (published once, configured as 1.0.0), with its own replica count, beside 1.0.0's live pool; the
/// state file keeps both, and Down stops both.
/// </summary>
[Collection("postgres")]
public sealed class LocalEnvironmentBaselineTests(PostgresServer server) : IAsyncLifetime
{
    private readonly string _state = Directory.CreateTempSubdirectory("runway-local-baseline-").FullName;
    private readonly HttpClient _http = new();
    private readonly List<string> _published = [];
    private LocalEnvironment _environment = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await server.CreateDatabaseAsync("sample");
        var releases = new ReleasePublisher(Path.Combine(RepositoryRoot.Path, "src/Runway.Sample/Runway.Sample.csproj"), Path.Combine(_state, "releases"), Logger.None);
        var router = new ReleasePublisher(Path.Combine(RepositoryRoot.Path, "src/Runway.Router/Runway.Router.csproj"), Path.Combine(_state, "router"), Logger.None);
        _environment = new LocalEnvironment(new LocalEnvironmentOptions
        {
            Name = "test",
            StateDirectory = Path.Combine(_state, "env"),
            RouterPort = PostgresServer.FreePort(),
            RouterAdminPort = PostgresServer.FreePort(),
            Replicas = 2,
            PublishRelease = (release, token) =>
            {
                lock (_published) _published.Add(release);
                return releases.PublishAsync(release, "Runway.Sample.dll", fromCurrentSources: true, token);
            },
            PublishRouter = token => router.PublishCurrentAsync("Runway.Router.dll", token),
            ReleaseConfiguration = release => new Dictionary<string, string>
            {
                ["Sample__Release"] = release,
                ["ConnectionStrings__Sample"] = connectionString,
                ["Sample__JwtSigningKey"] = "a-test-signing-key-that-is-long-enough-for-hs256",
            },
        }, _http, Logger.None);
    }

    public async Task DisposeAsync()
    {
        await _environment.DownAsync(CancellationToken.None);
        _http.Dispose();
        Directory.Delete(_state, recursive: true);
    }

    [Fact]
    public void LocalState_WithTwoPoolsOfOneRelease_RoundTripsThroughItsFile()
    {
        var file = Path.Combine(_state, "state.json");
        var state = LocalState.Empty
            .WithPool("1.0.0", [new LocalInstance(5101, 11), new LocalInstance(5102, 12)])
            .WithPool(PoolName.Baseline("1.0.0"), [new LocalInstance(5103, 13, 42, "dotnet Runway.Sample.dll")]);

        state.Save(file);
        var loaded = LocalState.Load(file);

        loaded.Pools.Keys.Order(StringComparer.Ordinal).ShouldBe(["1.0.0", "1.0.0~baseline"]);
        loaded.Pools["1.0.0~baseline"].ShouldBe([new LocalInstance(5103, 13, 42, "dotnet Runway.Sample.dll")]);
        loaded.WithPool("1.0.0~baseline", null).Pools.Keys.ShouldBe(["1.0.0"]);
    }

    [Fact]
    public async Task BaselinePool_RunsItsReleasesArtifact_BesideTheLivePool_AndDownStopsBoth()
    {
        var live = await _environment.DeployPoolAsync("1.0.0", CancellationToken.None);
        await _environment.SetWeightsAsync(new Dictionary<string, int> { ["1.0.0"] = 100 }, CancellationToken.None);

        var fresh = await _environment.DeployPoolAsync(PoolName.Baseline("1.0.0"), 1, CancellationToken.None);
        await _environment.SetWeightsAsync(new Dictionary<string, int> { ["1.0.0"] = 50, ["1.0.0~baseline"] = 50 }, CancellationToken.None);

        fresh.Release.ShouldBe("1.0.0~baseline");
        fresh.Instances.Count.ShouldBe(1, "as many replicas as asked (the canary's), not the environment's 2");
        _published.ShouldAllBe(release => release == "1.0.0", "the baseline runs 1.0.0's published artifact");
        Directory.Exists(Path.Combine(_state, "releases", "1.0.0~baseline")).ShouldBeFalse();
        (await ReleaseOfAsync(fresh.Instances[0].Url)).ShouldBe("1.0.0", "configured as its release");
        var snapshot = await _environment.ReadAsync(CancellationToken.None);
        snapshot.Pools.Select(p => $"{p.Release}={p.Weight}").Order(StringComparer.Ordinal).ShouldBe(["1.0.0=50", "1.0.0~baseline=50"]);

        await _environment.DownAsync(CancellationToken.None);

        live.Instances.Concat(fresh.Instances).ShouldAllBe(i => !DetachedProcess.IsAlive(i.ProcessId!.Value), "Down stops the baseline's replicas too");
        (await _environment.ReadAsync(CancellationToken.None)).Pools.ShouldBeEmpty();
    }

    private async Task<string> ReleaseOfAsync(string instance)
    {
        using var response = await _http.GetAsync(new Uri(instance + "/version"));
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("X-Release").Single();
    }
}
