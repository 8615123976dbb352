using System.Text.Json.Nodes;
using Runway.Tests.EndToEnd.Support;
using Shouldly;
using Xunit;

namespace Runway.Tests.EndToEnd;

/// <summary>
/// Issue 14 rule 7: build.ps1 runs a real local Deploy as build.sh does (in its own adopting repository on free
/// ports), and Ctrl+C through build.ps1 cancels the run and exits non-zero (it used to exit 0). PowerShell comes from
/// .ci/run (a .NET global tool); without it the test is skipped and says how to install it.
/// </summary>
[Collection(EndToEndCollections.Releases)]
public sealed class PowerShellDeployTests : IAsyncLifetime
{
    // A full Deploy through PowerShell on a loaded 2-core machine: generous, a hung run still ends the test.
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(8);

    private AdoptingRepository _repository = null!;

    public async Task InitializeAsync() => _repository = await AdoptingRepository.CreateAsync("pwsh");

    public async Task DisposeAsync() => await _repository.DisposeAsync();

    [PowerShellFact]
    public async Task DeployThroughBuildPs1_Succeeds_AndCtrlCMidBake_ReturnsTraffic_AndExitsNonZero()
    {
        var pwsh = PowerShell.Executable!;
        using (var deploy = _repository.StartThroughPowerShell(pwsh, "Deploy"))
        {
            var deployed = (await deploy.WaitForExitAsync(Timeout)).ShouldSucceed("Deploy 1.0.0 through build.ps1");
            deployed.Output.TrimEnd().Split('\n')[^1].ShouldStartWith("Build succeeded on ", customMessage: "nothing after the verdict:\n" + deployed.Output);
        }
        (await _repository.AskRouterAsync(5)).ShouldAllBe(answer => answer.Status == 200 && answer.Release == "1.0.0");
        // Rule 8, each event logged once: read from the run's own log file, where every event is one line.
        var events = NewestRunLog();
        events.Count(e => e.StartsWith("Started deployment ", StringComparison.Ordinal)).ShouldBe(1, string.Join('\n', events));
        events.ShouldNotContain(e => e.StartsWith("Deployment {DeploymentId}", StringComparison.Ordinal), "the ledger does not announce the start again");
        events.ShouldNotContain(e => e.StartsWith("Resuming deployment ", StringComparison.Ordinal), "a run does not resume its own deployment at every phase");
        events.Count(e => e.StartsWith("No traffic lease: {Environment} has no stable release", StringComparison.Ordinal)).ShouldBeLessThanOrEqualTo(1);

        using var canary = _repository.StartThroughPowerShell(pwsh, "Deploy", "--version", "1.1.0", "--bake-time", "5m");
        await canary.WaitForOutputAsync("Canary bake of 1.1.0 against ", Timeout);
        await canary.SignalGroupAsync("INT");
        var cancelled = await canary.WaitForExitAsync(TimeSpan.FromMinutes(2));

        cancelled.ShouldFail("Ctrl+C through build.ps1 exits non-zero").ShouldSay("traffic returned to 1.0.0", "Ctrl+C through build.ps1");
        (await new RouterWatch(_repository).WeightsAsync()).ShouldContain("1.0.0=100", "all traffic back on 1.0.0 after Ctrl+C");
        (await _repository.StatusAsync())["deployment"]!["state"]!.GetValue<string>().ShouldBe("Aborted");
        var looks = NewestRunLog(withLook: true).Where(e => e.StartsWith("Canary bake look {Look}/{Looks}", StringComparison.Ordinal)).ToList();
        looks.Distinct().Count().ShouldBe(looks.Count, "each look of the bake is logged once:\n" + string.Join('\n', looks));
    }

    // The message templates of the newest run log's events (with the look number when asked), one per event.
    private List<string> NewestRunLog(bool withLook = false)
    {
        var file = Directory.GetFiles(Path.Combine(_repository.TemporaryDirectory, "logs"), "*.clef").Max(StringComparer.Ordinal)!;
        return [.. File.ReadLines(file).Select(line => JsonNode.Parse(line)!).Select(e =>
            e["@mt"]!.GetValue<string>() + (withLook && e["Look"] is { } look ? " #" + look.ToJsonString() : ""))];
    }
}
