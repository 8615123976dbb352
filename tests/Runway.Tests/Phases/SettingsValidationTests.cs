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

    [Theory]
    [InlineData("1.0.0;rm")]
    [InlineData("v1.2.0")]
    [InlineData("1.2")]
    public void Problems_VersionNotSemVer_NamesTheParameterItsValueAndSource(string version)
    {
        var problems = SettingsValidation.Problems(Valid with { Release = version }, Origin);

        problems.ShouldBe([$"--version is {version} (from Version from the test); it must be a SemVer version (MAJOR.MINOR.PATCH, e.g. 2.4.0)."]);
    }

    [Fact]
    public void Problems_NoVersion_None() => SettingsValidation.Problems(Valid with { Release = "" }, Origin).ShouldBeEmpty();

    [Fact]
    public void Problems_Durations_ReadAsPeopleWriteThem()
    {
        var problems = SettingsValidation.Problems(Valid with { Canary = new CanaryOptions { BakeDuration = TimeSpan.Zero, Interval = TimeSpan.FromSeconds(90) } }, Origin);

        problems.ShouldBe([
            "--bake-time is 0 ms (from BakeTime from the test); it must be more than 0 (e.g. 30m).",
            "--analysis-interval is 1 m 30 s (from AnalysisInterval from the test); it must be more than 0 and at most the bake time.",
        ]);
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

    [Fact]
    public void Problems_GarbageConnectionString_NamedWithItsSource_ValueNotShown()
    {
        var problems = SettingsValidation.Problems(Valid with { Commands = Commands, DatabaseConnectionString = "garbage-s3cr3t", LedgerConnectionString = "Host=db;Database=l" }, Origin);

        problems.ShouldHaveSingleItem().ShouldStartWith("--database-connection-string (from DatabaseConnectionString from the test) is not a PostgreSQL connection string");
        problems[0].ShouldNotContain("garbage-s3cr3t");
    }

    [Fact]
    public void Problems_ConnectionStringWithTheLocalRuntime_IsRefusedNotIgnored()
    {
        var problems = SettingsValidation.Problems(Valid with { LedgerConnectionString = "Host=db;Database=l" }, Origin);

        problems.ShouldHaveSingleItem().ShouldContain("--ledger-connection-string is set (from LedgerConnectionString from the test), but the local pool runtime");
    }

    private static readonly Runway.Environments.Command.CommandEnvironmentOptions Commands =
        new() { Name = "production", DeployPool = "true", SetWeights = "true", RemovePool = "true", ReadInstances = "true" };

    private static string Origin(string member) => $"{member} from the test";
}
