using Runway.Targets.Tests.Support;
using Shouldly;
using Xunit;

namespace Runway.Targets.Tests.Execution;

public sealed class ExecutesTests
{
    private sealed class ExecutingBuild : RecordingBuild
    {
        public CancellationTokenSource Cancel { get; } = new();

        public Target Default => _ => _
            .Executes(() => Ran.Add("sync"))
            .Executes(async () => { await Task.Yield(); Ran.Add("async"); })
            .Executes(async token => { await Task.Delay(1, token); Ran.Add("token"); });

        public Target Endless => _ => _.Executes(async token =>
        {
            await Cancel.CancelAsync();
            await Task.Delay(Timeout.Infinite, token);
        });

        public Target Later => _ => _.After(Endless).Executes(Record("Later"));
    }

    [Fact]
    public void Executes_SeveralActions_RunInOrder()
    {
        using var harness = new BuildHarness();
        var build = new ExecutingBuild();

        harness.Run(() => build).ShouldBe(0);

        build.Ran.ShouldBe(["sync", "async", "token"]);
    }

    [Fact]
    public async Task Executes_CancelledToken_AbortsTheTargetAndLeavesTheRestNotRun()
    {
        using var harness = new BuildHarness();
        var build = new ExecutingBuild();

        var exitCode = await harness.RunAsync(() => build, build.Cancel.Token, "Endless", "Later");

        exitCode.ShouldBe(1);
        build.Ran.ShouldBeEmpty();
        harness.Output.ShouldContain("Endless   Aborted");
        harness.Output.ShouldContain("Later     NotRun");
    }
}
