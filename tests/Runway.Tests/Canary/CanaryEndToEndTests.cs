using System.Globalization;
using System.Text.Json.Nodes;
using Runway.Processes;
using Runway.Tests.EndToEnd.Support;
using Shouldly;
using Xunit;

namespace Runway.Tests.Canary;

/// <summary>
/// A canary whose replica dies mid-bake, through <c>./build.sh</c>: the bake must not pass it on the counts of the
/// replica left standing. It fails on the restart, or on the measurement errors of the dead replica.
/// </summary>
[Collection(EndToEndCollections.Releases)]
public sealed class CanaryEndToEndTests : IAsyncLifetime
{
    private AdoptingRepository _repository = null!;

    public async Task InitializeAsync() => _repository = await AdoptingRepository.CreateAsync("canary-killed");

    public async Task DisposeAsync() => await _repository.DisposeAsync();

    [Fact]
    public async Task Deploy_CanaryReplicaKilledMidBake_FailsTheCanary()
    {
        (await _repository.RunAsync("Deploy")).ShouldSucceed("Deploy 1.0.0");
        using var deploy = _repository.Start("Deploy", "--version", "1.1.0", "--bake-time", "40s", "--analysis-interval", "4s");
        await deploy.WaitForOutputAsync("Canary bake look 1/10", TimeSpan.FromMinutes(4));

        var replica = CanaryProcessIds("1.1.0").First();
        (await ProcessRunner.RunAsync(new ProcessSpec("kill", ["-9", replica.ToString(CultureInfo.InvariantCulture)]))).EnsureSuccess();
        var run = await deploy.WaitForExitAsync(TimeSpan.FromMinutes(4));

        run.ShouldFail("Deploy 1.1.0 with a canary replica killed")
            .ShouldSay("The canary of 1.1.0 failed its analysis: ", "a killed canary replica");
        run.Output.ShouldMatch("(restarted|could not be read)");
        run.Output.ShouldContain("Could not read metrics from http://127.0.0.1:");
        File.Exists(Directory.GetFiles(_repository.TemporaryDirectory, "canary.html", SearchOption.AllDirectories).Single()).ShouldBeTrue();
    }

    private int[] CanaryProcessIds(string release)
    {
        // The environment the canary runs in (staging keeps a state file of its own next to it).
        var state = Path.Combine(_repository.TemporaryDirectory, "environments", "local", "state.json");
        var pools = JsonNode.Parse(File.ReadAllText(state))!["pools"]!.AsObject();
        return pools[release]!.AsArray().Select(instance => instance!["processId"]!.GetValue<int>()).ToArray();
    }
}
