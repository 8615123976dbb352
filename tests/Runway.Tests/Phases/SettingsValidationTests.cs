using Runway.Canary;
using Runway.Phases;
using Shouldly;
using Xunit;

namespace Runway.Tests.Phases;

public sealed class SettingsValidationTests
{
    private static readonly PipelineSettings Valid = new() { RootDirectory = "/repo", TemporaryDirectory = "/repo/.nuke/temp", Environment = "local", Release = "1.0.0", StartedBy = "test" };

    [Fact]
    public void Problems_DefaultSettings_None() => SettingsValidation.Problems(Valid, Origin).ShouldBeEmpty();

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(150)]
    public void Problems_CanaryWeightOutside1To99_NamesTheParameterItsValueAndSource(int weight)
    {
        var problems = SettingsValidation.Problems(Valid with { CanaryWeight = weight }, Origin);

        problems.ShouldBe([$"--canary-weight is {weight} (from CanaryWeight from the test); it must be a whole percentage from 1 to 99."]);
    }

    [Fact]
    public void Problems_EveryBadValue_IsListed()
    {
        var settings = Valid with
        {
            Replicas = 0,
            LoadRequestsPerSecond = 0,
            Canary = new CanaryOptions { Alpha = 2, BakeDuration = TimeSpan.Zero },
        };

        var problems = SettingsValidation.Problems(settings, Origin);

        problems.Select(p => p.Split(' ')[0]).ShouldBe(["--replicas", "--alpha", "--load-rate", "--bake-time", "--analysis-interval"]);
    }

    [Fact]
    public void Validate_BadValue_ThrowsSayingNothingStarted()
    {
        var error = Should.Throw<InvalidSettingsException>(() => SettingsValidation.Validate(Valid with { Replicas = 0 }, Origin));

        error.Message.ShouldStartWith("Refused before anything started: --replicas is 0");
    }

    private static string Origin(string member) => $"{member} from the test";
}
