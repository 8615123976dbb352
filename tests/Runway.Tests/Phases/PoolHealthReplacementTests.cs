using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Runway.Environments.Command;
using Runway.Phases;
using Runway.Service;
using Runway.Tests.Smoke;
using Serilog.Core;
using Shouldly;
using Xunit;

namespace Runway.Tests.Phases;

/// <summary>
/// A baseline instance that answers but is not ready (503) is replaced before the bake, and the bake waits until the
/// replacement is ready; a baseline the environment could not make healthy stops the phase with the instances and the
/// fix, instead of a bake against a broken baseline under a log line that said "replacing them".
/// </summary>
public sealed class PoolHealthReplacementTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("runway-pool-health-").FullName;
    private readonly HttpClient _http = new();
    private LoopbackServer _instance = null!;

    private string Marker => Path.Combine(_directory, "replaced");

    [Fact]
    public async Task AnUnhealthyBaselineInstance_IsReadyWhenReplaceReturns()
    {
        // The platform's replacement takes a moment to become ready, as a new process does.
        var health = Health(deployPool: "touch replaced");

        var replaced = await health.ReplaceUnhealthyAsync("1.0.0", "baseline", CancellationToken.None);

        replaced.ShouldBe([$"{Url} answers 503"]);
        (await Healthy()).ShouldBeTrue("the bake must not start before the replacement is ready");
    }

    [Fact]
    public async Task ABaselineThatStaysUnhealthy_StopsBeforeTheBake_NamingTheInstanceAndTheFix()
    {
        var health = Health(deployPool: "true", TimeSpan.FromSeconds(2));

        var error = await Should.ThrowAsync<UnhealthyPoolException>(() => health.ReplaceUnhealthyAsync("1.0.0", "baseline", CancellationToken.None));

        error.Message.ShouldContain($"The baseline 1.0.0 still has 1 of 1 instances unhealthy after Runway asked the environment to replace them ({Url} answers 503)");
        error.Message.ShouldContain("the canary is not judged against it");
        error.Message.ShouldContain("./build.sh Rollback");
    }

    private string Url => _instance.Url.ToString().TrimEnd('/');

    private PoolHealth Health(string deployPool, TimeSpan? readyTimeout = null)
    {
        var environment = CommandEnvironment.Create(new CommandEnvironmentOptions
        {
            Name = "production", WorkingDirectory = _directory, DeployPool = deployPool, SetWeights = "true", RemovePool = "true",
            ReadInstances = $$"""printf '{"url":"https://example.test","pools":[{"release":"1.0.0","weight":100,"instances":[{"url":"{{Url}}"}]}]}'""",
        }, _ => { }, Logger.None);
        var reachable = new ServiceAccess(_http, () => Service.SampleContract.NodeStyle, null, instancesReachable: true);
        return new PoolHealth(environment, reachable, environment.Health, Logger.None) { ReadyTimeout = readyTimeout ?? TimeSpan.FromSeconds(30) };
    }

    private async Task<bool> Healthy()
    {
        using var response = await _http.GetAsync(new Uri(_instance.Url, Service.SampleContract.NodeStyle.HealthPath));
        return response.IsSuccessStatusCode;
    }

    // Not ready (503) until replaced, then ready one second after the replacement.
    public async Task InitializeAsync() =>
        _instance = await LoopbackServer.StartAsync(app => app.MapGet(Service.SampleContract.NodeStyle.HealthPath, () =>
            File.Exists(Marker) && DateTime.UtcNow - File.GetLastWriteTimeUtc(Marker) > TimeSpan.FromSeconds(1)
                ? Results.Ok() : Results.StatusCode(503)));

    public async Task DisposeAsync()
    {
        await _instance.DisposeAsync();
        _http.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
