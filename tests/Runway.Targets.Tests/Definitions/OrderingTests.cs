using Runway.Targets.Tests.Support;
using Shouldly;
using Xunit;

namespace Runway.Targets.Tests.Definitions;

public sealed class OrderingTests
{
    private sealed class OrderingBuild : RecordingBuild
    {
        public Target Default => _ => _.DependsOn(Compile).Executes(Record("Default"));
        public Target Restore => _ => _.Executes(Record("Restore"));
        public Target Compile => _ => _.DependsOn(Restore).Executes(Record("Compile"));
        public Target Clean => _ => _.Before(Restore).Executes(Record("Clean"));
        public Target Pack => _ => _.After(Publish).Executes(Record("Pack"));
        public Target Publish => _ => _.Executes(Record("Publish"));
        public Target Lint => _ => _.DependentFor(Compile).Executes(Record("Lint"));
        public Target Notify => _ => _.Executes(Record("Notify"));
        public Target Announce => _ => _.TriggeredBy(Publish).Executes(Record("Announce"));
        public Target Tag => _ => _.Triggers(Notify).Executes(Record("Tag"));
    }

    [Fact]
    public void DependsOn_InvokedTarget_RunsDependenciesFirst()
    {
        using var harness = new BuildHarness();
        var build = new OrderingBuild();

        harness.Run(() => build, "Compile").ShouldBe(0);

        build.Ran.ShouldBe(["Restore", "Lint", "Compile"]);
    }

    [Fact]
    public void DependentFor_IsScheduledAndRunsBeforeTheTargetItNames()
    {
        using var harness = new BuildHarness();
        var build = new OrderingBuild();

        harness.Run(() => build, "Default");

        build.Ran.ShouldBe(["Restore", "Lint", "Compile", "Default"]);
    }

    [Fact]
    public void Before_OrdersWhenBothAreScheduledButSchedulesNothing()
    {
        using var harness = new BuildHarness();
        var alone = new OrderingBuild();
        var both = new OrderingBuild();

        harness.Run(() => alone, "Restore");
        harness.Run(() => both, "Restore", "Clean");

        alone.Ran.ShouldBe(["Restore"]);
        both.Ran.ShouldBe(["Clean", "Restore"]);
    }

    [Fact]
    public void After_OrdersWhenBothAreScheduledButSchedulesNothing()
    {
        using var harness = new BuildHarness();
        var alone = new OrderingBuild();
        var both = new OrderingBuild();

        harness.Run(() => alone, "Pack");
        harness.Run(() => both, "Pack", "Publish");

        alone.Ran.ShouldBe(["Pack"]);
        both.Ran.ShouldBe(["Publish", "Pack", "Announce"]); // Publish triggers Announce
    }

    [Fact]
    public void Triggers_SchedulesTheTriggeredTargetAfterwards()
    {
        using var harness = new BuildHarness();
        var build = new OrderingBuild();

        harness.Run(() => build, "Tag");

        build.Ran.ShouldBe(["Tag", "Notify"]);
    }

    [Fact]
    public void TriggeredBy_SchedulesThisTargetAfterTheTrigger()
    {
        using var harness = new BuildHarness();
        var build = new OrderingBuild();

        harness.Run(() => build, "Publish");

        build.Ran.ShouldBe(["Publish", "Announce"]);
    }

    [Fact]
    public void Run_IndependentTargets_KeepDeclarationOrderWhateverTheCommandLineOrder()
    {
        using var harness = new BuildHarness();
        var build = new OrderingBuild();

        harness.Run(() => build, "Notify", "Restore");

        build.Ran.ShouldBe(["Restore", "Notify"]);
    }

    [Fact]
    public void Run_TargetNamesInAnyCase_MatchTheDeclaredTargets()
    {
        using var harness = new BuildHarness();
        var build = new OrderingBuild();

        harness.Run(() => build, "compile").ShouldBe(0);

        build.Ran.ShouldBe(["Restore", "Lint", "Compile"]);
    }
}
