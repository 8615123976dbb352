using System.Text.Json.Nodes;
using Runway.Tests.EndToEnd.Support;
using Shouldly;
using Xunit;

namespace Runway.Tests.EndToEnd;

/// <summary>
/// Safety on a fresh environment: bad input refused before anything starts, a bad first release judged against
/// absolute limits (there is no baseline) and rolled back, and a resumed deployment that finds the environment gone
/// (Down after Migration) put back before its completed phases are skipped.
/// </summary>
[Collection(EndToEndCollections.FaultsAndData)]
public sealed class SafetyTests : IAsyncLifetime
{
    private AdoptingRepository _repository = null!;

    public async Task InitializeAsync() => _repository = await AdoptingRepository.CreateAsync("safety");

    public async Task DisposeAsync() => await _repository.DisposeAsync();

    [Fact]
    public async Task BadInput_BadFirstRelease_AndAResumeAfterDown_AreHandledSafely()
    {
        await OutOfRangeParameter_IsRefusedBeforeAnythingStarts();
        await BadFirstRelease_FailsOnAbsoluteLimits_AndIsRolledBack();
        await ResumeAfterDown_PutsTheEnvironmentBackBeforeSkippingCompletedPhases();
    }

    private async Task OutOfRangeParameter_IsRefusedBeforeAnythingStarts()
    {
        (await _repository.RunAsync("Deploy", "--canary-weight", "150")).ShouldFail("(a) Deploy --canary-weight 150")
            .ShouldSay("--canary-weight is 150 (from --canary-weight on the command line); it must be a whole percentage from 1 to 99", "(a)");

        // A version that is not SemVer is bad input too: refused before the lock, the ledger or a pool, never
        // recorded as a failed deployment of a release that cannot exist.
        (await _repository.RunAsync("Deploy", "--version", "1.0.0;rm")).ShouldFail("(a) Deploy --version '1.0.0;rm'")
            .ShouldSay("--version is 1.0.0;rm (from --version on the command line); it must be a SemVer version", "(a)");

        Directory.Exists(Path.Combine(_repository.TemporaryDirectory, "environments")).ShouldBeFalse("(a) no staging or canary pool was started");
        Directory.Exists(Path.Combine(_repository.TemporaryDirectory, "postgres")).ShouldBeFalse("(a) not even the cluster was started");
    }

    private async Task BadFirstRelease_FailsOnAbsoluteLimits_AndIsRolledBack()
    {
        (await _repository.RunAsync("Deploy", "--sample-error-rate", "0.3")).ShouldFail("(b) first Deploy of an erring 1.0.0")
            .ShouldSay("The canary of 1.0.0 failed its analysis: no baseline: judged against absolute limits: error rate", "(b)")
            .ShouldSay("Removed pool 1.0.0 from local", "(b)");

        var status = await _repository.StatusAsync();
        status["pools"]!.AsArray().ShouldBeEmpty("(b) the bad first release no longer runs");
        Deployment(status)["state"]!.GetValue<string>().ShouldBe("RolledBack");
    }

    // Migration leaves the deployment running at 100%; Down stops everything; Deploy resumes it. The ledger says four
    // phases are done, the environment has nothing: the pool is started again before they are skipped.
    private async Task ResumeAfterDown_PutsTheEnvironmentBackBeforeSkippingCompletedPhases()
    {
        (await _repository.RunAsync("Migration")).ShouldSucceed("(c) Migration of 1.0.0");
        // The deployment is left running with no run holding it: Down refuses that without --force.
        (await _repository.RunAsync("Down", "--force")).ShouldSucceed("(c) Down --force");

        (await _repository.RunAsync("Deploy")).ShouldSucceed("(c) Deploy resumes after Down")
            .ShouldSay("the environment differed from the ledger and was put back (the pool of 1.0.0 is gone (the ledger has it at 100%))", "(c)");

        var status = await _repository.StatusAsync();
        status["pools"]!.AsArray().Select(p => $"{p!["release"]}={p["weight"]}").ShouldBe(["1.0.0=100"], "(c)");
        Deployment(status)["state"]!.GetValue<string>().ShouldBe("Succeeded");
        var answers = await _repository.AskRouterAsync(20);
        answers.ShouldAllBe(a => a.Status == 200 && a.Release == "1.0.0");
    }

    private static JsonObject Deployment(JsonObject status) => status["deployment"]!.AsObject();
}
