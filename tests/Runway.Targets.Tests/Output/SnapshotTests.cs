using Runway.Targets.Tests.Support;
using Shouldly;
using Xunit;

namespace Runway.Targets.Tests.Output;

public sealed class SnapshotTests
{
    private sealed class SampleBuild : RecordingBuild
    {
        private readonly Action<TimeSpan> _advance;

        public SampleBuild(Action<TimeSpan> advance) => _advance = advance;

        [Parameter("the release to deploy")]
        public string? Release { get; set; }

        [Parameter("where to deploy")]
        public string Stage { get; set; } = "local";

        [Parameter("the registry password"), Secret]
        public string Password { get; set; } = "default-password-never-shown";

        [Parameter("how verbose the report is")]
        public ReportLevel Report { get; set; } = ReportLevel.Short;

        public Target Prepare => _ => _.Description("Checks the inputs").Executes(() => _advance(TimeSpan.FromSeconds(3)));
        public Target Ship => _ => _.Description("Ships the release").DependsOn(Prepare).Executes(() => _advance(TimeSpan.FromSeconds(75)));
        public Target Check => _ => _.Description("Checks it landed").DependsOn(Ship)
            .SkipWhen(_ => Task.FromResult<string?>("already completed in deployment 42"));
        public Target Announce => _ => _.Description("Tells the team").DependsOn(Check).Executes(Fail("chat is down"));
        public Target Default => _ => _.Description("Everything").DependsOn(Announce);
        public Target Secretly => _ => _.Unlisted().Executes(() => { });
    }

    public enum ReportLevel { Short, Long }

    [Fact]
    public void Help_ListsTargetsParametersAndOptions()
    {
        using var harness = new BuildHarness();

        harness.Run(() => new SampleBuild(_ => { }), "--help").ShouldBe(0);

        harness.Output.ShouldNotContain("Secretly");
        harness.Output.ShouldNotContain("default-password-never-shown");
        Snapshot.Match("help", harness.Output);
    }

    [Fact]
    public void Run_Summary_ShowsEveryTargetWithStatusAndDuration()
    {
        using var harness = new BuildHarness();

        harness.Run(() => new SampleBuild(harness.Time.Advance), "--no-logo").ShouldBe(1);

        Snapshot.Match("summary", harness.Output);
    }

    [Fact]
    public void Plan_PrintsTheOrderAndWritesAMermaidGraph()
    {
        using var harness = new BuildHarness();

        harness.Run(() => new SampleBuild(_ => { }), "Default", "--plan", "--skip", "Check").ShouldBe(0);

        Snapshot.Match("plan", harness.Output, harness.Root);
        Snapshot.Match("plan.mmd", File.ReadAllText(Path.Combine(harness.Root, ".nuke", "temp", "plan.mmd")));
    }
}
