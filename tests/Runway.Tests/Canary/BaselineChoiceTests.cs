using Runway.Canary;
using Runway.Phases;
using Runway.Service;
using Shouldly;
using Xunit;

namespace Runway.Tests.Canary;

public sealed class BaselineChoiceTests
{
    private static readonly PipelineSettings Local = new() { RootDirectory = "/repo", TemporaryDirectory = "/repo/.nuke/temp", Environment = "local", Release = "1.1.0", StartedBy = "test" };

    private static readonly PipelineSettings Commands = Local with { Service = new ServiceSettings { PoolRuntime = "commands", TrafficRouter = "haproxy", MetricsSource = "prometheus" } };

    [Fact]
    public void Decide_ByDefaultOnTheLocalRuntimeWithScrapedMetrics_IsFresh() =>
        BaselineChoice.Decide(Local).ShouldBe((CanaryBaseline.Fresh, null));

    [Fact]
    public void Decide_ByDefaultOnTheTeamsCommands_FallsBackToTheLivePool_SayingWhy()
    {
        var (kind, why) = BaselineChoice.Decide(Commands);

        kind.ShouldBe(CanaryBaseline.Live);
        why.ShouldBe("a fresh baseline is not offered here: the commands pool runtime runs one pool per release (only the local runtime runs a second pool of the previous release)");
    }

    [Fact]
    public void Decide_ByDefaultWithPrometheusLocally_FallsBackToTheLivePool_SinceItsSeriesCannotBeToldApart() =>
        BaselineChoice.Decide(Local with { Service = new ServiceSettings { MetricsSource = "prometheus" } }).Why!.ShouldContain("release label");

    [Fact]
    public void Decide_ByDefaultWithACanaryOverHalf_FallsBackToTheLivePool() =>
        BaselineChoice.Decide(Local with { CanaryWeight = 60 }).ShouldBe((CanaryBaseline.Live,
            "a fresh baseline is not offered here: --canary-weight is 60: the canary and a fresh baseline of the same share need at most 50 each"));

    [Fact]
    public void Decide_LiveAsked_IsLive() =>
        BaselineChoice.Decide(Local with { Canary = new CanaryOptions { Baseline = "live" } }).Kind.ShouldBe(CanaryBaseline.Live);

    [Fact]
    public void Problems_FreshAskedWhereItCannotRun_NamesTheInputItsSourceAndTheFix()
    {
        var settings = Commands with { Canary = new CanaryOptions { Baseline = "Fresh" } };

        var problems = SettingsValidation.Problems(settings, member => $"{member} in .nuke/parameters.production.json");

        problems.ShouldBe([
            "--canary-baseline is fresh (from CanaryBaseline in .nuke/parameters.production.json), but the commands pool runtime runs one pool per release " +
            "(only the local runtime runs a second pool of the previous release); use --canary-baseline live (or auto, which falls back to it and says so).",
        ]);
    }

    [Fact]
    public void Problems_AnUnknownName_NamesTheInputItsSourceAndTheNamesItTakes() =>
        SettingsValidation.Problems(Local with { Canary = new CanaryOptions { Baseline = "warm" } }, member => $"{member} on the command line")
            .ShouldBe(["--canary-baseline is 'warm' (from CanaryBaseline on the command line); it must be one of auto, fresh, live."]);

    [Fact]
    public void Problems_FreshAskedLocally_None() =>
        SettingsValidation.Problems(Local with { Canary = new CanaryOptions { Baseline = "Fresh" } }, member => member).ShouldBeEmpty();
}
