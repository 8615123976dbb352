using Runway.Targets.Tests.Support;
using Shouldly;
using Xunit;

namespace Runway.Targets.Tests.Definitions;

public sealed class ConditionTests
{
    private sealed class ConditionBuild(DependencyBehavior behavior) : RecordingBuild
    {
        private bool _flag;

        public Target Setup => _ => _.Executes(Record("Setup"));
        public Target Flip => _ => _.DependsOn(Setup).Executes(() => { _flag = true; Ran.Add("Flip"); });
        public Target Static => _ => _.DependsOn(Flip).OnlyWhenStatic(() => _flag).WhenSkipped(behavior).Executes(Record("Static"));
        public Target Dynamic => _ => _.DependsOn(Flip).OnlyWhenDynamic(() => _flag).Executes(Record("Dynamic"));
        public Target NeverDynamic => _ => _.DependsOn(Setup).OnlyWhenDynamic(() => !_flag, () => false).Executes(Record("NeverDynamic"));
        public Target Skippable => _ => _.SkipWhen(_ => Task.FromResult<string?>("already completed in deployment 42")).Executes(Record("Skippable"));
        public Target NotSkipped => _ => _.SkipWhen(_ => Task.FromResult<string?>(null)).Executes(Record("NotSkipped"));
    }

    [Fact]
    public void OnlyWhenStatic_EvaluatedBeforeAnythingRuns_SkipsTargetButRunsDependenciesByDefault()
    {
        using var harness = new BuildHarness();
        var build = new ConditionBuild(DependencyBehavior.Execute);

        harness.Run(() => build, "Static").ShouldBe(0);

        build.Ran.ShouldBe(["Setup", "Flip"]);
        build.Hooks.ShouldContain("Skipped Static: condition false");
    }

    [Fact]
    public void OnlyWhenStatic_WithDependencyBehaviorSkip_SkipsDependenciesToo()
    {
        using var harness = new BuildHarness();
        var build = new ConditionBuild(DependencyBehavior.Skip);

        harness.Run(() => build, "Static").ShouldBe(0);

        build.Ran.ShouldBeEmpty();
        harness.Output.ShouldContain("Skipped (dependency of skipped Static)");
    }

    [Fact]
    public void OnlyWhenStatic_WithDependencyBehaviorSkip_KeepsDependenciesAnotherTargetNeeds()
    {
        using var harness = new BuildHarness();
        var build = new ConditionBuild(DependencyBehavior.Skip);

        harness.Run(() => build, "Static", "Dynamic").ShouldBe(0);

        build.Ran.ShouldBe(["Setup", "Flip", "Dynamic"]);
    }

    [Fact]
    public void OnlyWhenDynamic_EvaluatedRightBeforeTheTarget_SeesWhatEarlierTargetsDid()
    {
        using var harness = new BuildHarness();
        var build = new ConditionBuild(DependencyBehavior.Execute);

        harness.Run(() => build, "Dynamic").ShouldBe(0);

        build.Ran.ShouldBe(["Setup", "Flip", "Dynamic"]);
    }

    [Fact]
    public void OnlyWhenDynamic_FalseCondition_SkipsOnlyThatTarget()
    {
        using var harness = new BuildHarness();
        var build = new ConditionBuild(DependencyBehavior.Skip);

        harness.Run(() => build, "NeverDynamic").ShouldBe(0);

        build.Ran.ShouldBe(["Setup"]);
        build.Hooks.ShouldContain("Skipped NeverDynamic: condition false");
    }

    [Fact]
    public void SkipWhen_WithAReason_SkipsAndShowsTheReasonInLogAndSummary()
    {
        using var harness = new BuildHarness();
        var build = new ConditionBuild(DependencyBehavior.Execute);

        harness.Run(() => build, "Skippable").ShouldBe(0);

        build.Ran.ShouldBeEmpty();
        harness.Output.ShouldContain("[INF] Skipping Skippable: already completed in deployment 42");
        harness.Output.ShouldContain("Skippable   Skipped (already completed in deployment 42)");
        File.ReadAllText(harness.LogFile).ShouldContain("already completed in deployment 42");
    }

    [Fact]
    public void SkipWhen_WithoutAReason_RunsTheTarget()
    {
        using var harness = new BuildHarness();
        var build = new ConditionBuild(DependencyBehavior.Execute);

        harness.Run(() => build, "NotSkipped").ShouldBe(0);

        build.Ran.ShouldBe(["NotSkipped"]);
    }
}
