using Shouldly;
using Xunit;

namespace Runway.Targets.Tests.Parameters;

public sealed class ParameterConversionTests : IDisposable
{
    private readonly TempRoot _root = new();

    public void Dispose() => _root.Dispose();

    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("30s", 30_000)]
    [InlineData("5m", 300_000)]
    [InlineData("2h", 7_200_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("01:30:00", 5_400_000)]
    [InlineData("00:00:02.5", 2_500)]
    public void Bind_Duration_ParsesEveryForm(string text, int milliseconds)
    {
        var (build, _) = Binding.Bind(_root, ["--bake-time", text]);

        build.BakeTime.ShouldBe(TimeSpan.FromMilliseconds(milliseconds));
    }

    [Theory]
    [InlineData("5x")]
    [InlineData("30")]
    [InlineData("-5m")]
    [InlineData("1:2")]
    public void Bind_BadDuration_FailsNamingParameterSourceAndForm(string text)
    {
        var error = Binding.Fails(_root, ["--bake-time", text]);

        error.Message.ShouldBe(
            $"Parameter 'bake-time' from --bake-time on the command line: '{text}' is not valid. " +
            "Expected a duration such as 250ms, 30s, 5m, 2h, 1h30m or 01:30:00.");
    }

    [Theory]
    [InlineData(new[] { "--dry-run" }, true)]
    [InlineData(new[] { "--dry-run", "true" }, true)]
    [InlineData(new[] { "--dry-run", "false" }, false)]
    [InlineData(new[] { "--dry-run=FALSE" }, false)]
    public void Bind_BoolOnCommandLine_FlagAloneIsTrue(string[] args, bool expected)
    {
        var (build, _) = Binding.Bind(_root, args);

        build.DryRun.ShouldBe(expected);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("1", true)]
    [InlineData("False", false)]
    [InlineData("0", false)]
    public void Bind_BoolInEnvironment_AcceptsTrueFalseOneZero(string text, bool expected)
    {
        var (build, _) = Binding.Bind(_root, [], new() { ["RUNWAY_DRY_RUN"] = text });

        build.DryRun.ShouldBe(expected);
    }

    [Fact]
    public void Bind_BadBoolInEnvironment_FailsNamingVariable()
    {
        var error = Binding.Fails(_root, [], new() { ["RUNWAY_DRY_RUN"] = "yes" });

        error.Message.ShouldBe(
            "Parameter 'dry-run' from RUNWAY_DRY_RUN in the environment: 'yes' is not valid. Expected true or false (1 or 0).");
    }

    [Fact]
    public void Bind_Numbers_ParseWithInvariantCulture()
    {
        var (build, _) = Binding.Bind(
            _root, ["--replicas", "5", "--max-backup-bytes", "5000000000", "--error-budget", "0.25", "--timeout-seconds", "30"]);

        build.Replicas.ShouldBe(5);
        build.MaxBackupBytes.ShouldBe(5_000_000_000L);
        build.ErrorBudget.ShouldBe(0.25);
        build.TimeoutSeconds.ShouldBe(30);
    }

    [Theory]
    [InlineData("replicas", "2.5", "a whole number between")]
    [InlineData("replicas", "5000000000", "a whole number between")]
    [InlineData("max-backup-bytes", "lots", "a whole number")]
    [InlineData("error-budget", "0,25", "a number with '.' as the decimal point")]
    [InlineData("error-budget", "NaN", "a number with '.' as the decimal point")]
    public void Bind_BadNumber_FailsWithExpectedForm(string option, string text, string expected)
    {
        var error = Binding.Fails(_root, [$"--{option}", text]);

        error.Message.ShouldContain($"Parameter '{option}' from --{option} on the command line: '{text}' is not valid.");
        error.Message.ShouldContain(expected);
    }

    [Fact]
    public void Bind_Enum_MatchesIgnoringCase()
    {
        var (build, _) = Binding.Bind(_root, ["--strategy", "bluegreen"]);

        build.Strategy.ShouldBe(RolloutStrategy.BlueGreen);
    }

    [Theory]
    [InlineData("Linear")]
    [InlineData("1")]
    [InlineData("Canary,BlueGreen")]
    public void Bind_UnknownEnumName_FailsListingAllowedValues(string text)
    {
        var error = Binding.Fails(_root, ["--strategy", text]);

        error.Message.ShouldEndWith("Expected one of Canary, BlueGreen, AllAtOnce.");
    }

    [Fact]
    public void Bind_ArraysOnCommandLine_TakeSeveralValues()
    {
        var (build, _) = Binding.Bind(_root, ["--regions", "eu", "us", "--ports", "80", "443", "--fallbacks", "allatonce"]);

        build.Regions.ShouldBe(["eu", "us"]);
        build.Ports.ShouldBe([80, 443]);
        build.Fallbacks.ShouldBe([RolloutStrategy.AllAtOnce]);
    }

    [Fact]
    public void Bind_ArrayInEnvironment_IsCommaSeparated()
    {
        var (build, _) = Binding.Bind(_root, [], new() { ["RUNWAY_PORTS"] = "80, 443,," });

        build.Ports.ShouldBe([80, 443]);
    }

    [Fact]
    public void Bind_ArraysInJson_AreJsonArrays()
    {
        _root.WithParameters("""{ "Regions": ["eu", "us"], "Ports": [80, 443], "Fallbacks": ["BlueGreen"] }""");

        var (build, _) = Binding.Bind(_root, []);

        build.Regions.ShouldBe(["eu", "us"]);
        build.Ports.ShouldBe([80, 443]);
        build.Fallbacks.ShouldBe([RolloutStrategy.BlueGreen]);
    }

    [Fact]
    public void Bind_BadArrayItem_FailsNamingFileAndForm()
    {
        _root.WithParameters("""{ "Ports": [80, "http"] }""", "production");

        var error = Binding.Fails(_root, ["--profile", "production"]);

        error.Message.ShouldBe(
            "Parameter 'ports' from Ports in .nuke/parameters.production.json: 'http' is not valid. " +
            $"Expected a list whose items are each a whole number between {int.MinValue} and {int.MaxValue}.");
    }

    [Fact]
    public void Bind_SeveralValuesForScalar_Fails()
    {
        var error = Binding.Fails(_root, ["--version", "1.0", "2.0"]);

        error.Message.ShouldContain("Parameter 'version' from --version on the command line got 2 values but takes exactly one");
    }

    [Fact]
    public void Bind_ValueMissingForNonBool_Fails()
    {
        var error = Binding.Fails(_root, ["--replicas"]);

        error.Message.ShouldContain("got 0 values but takes exactly one");
    }

    [Fact]
    public void Bind_JsonScalarsAndNull_BindToTheirTypes()
    {
        _root.WithParameters(
            """{ "Replicas": 7, "ErrorBudget": 0.5, "DryRun": true, "BakeTime": "45s", "TimeoutSeconds": null, "Grace": "1m" }""");

        var (build, _) = Binding.Bind(_root, []);

        (build.Replicas, build.ErrorBudget, build.DryRun).ShouldBe((7, 0.5, true));
        build.BakeTime.ShouldBe(TimeSpan.FromSeconds(45));
        build.TimeoutSeconds.ShouldBeNull();
        build.Grace.ShouldBe(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void Bind_JsonNullForNonNullable_Fails()
    {
        _root.WithParameters("""{ "Replicas": null }""");

        Binding.Fails(_root, []).Message.ShouldStartWith("Parameter 'replicas' from Replicas in .nuke/parameters.json: 'null' is not valid.");
    }

    [Fact]
    public void Bind_JsonObjectForScalar_Fails()
    {
        _root.WithParameters("""{ "Version": { "major": 1 } }""");

        Binding.Fails(_root, []).Message.ShouldBe(
            "Parameter 'version' from Version in .nuke/parameters.json: a JSON object is not valid there. Expected text.");
    }

    [Fact]
    public void Bind_Paths_ResolveAgainstRootDirectory()
    {
        var (build, _) = Binding.Bind(_root, ["--checklist", "deploy/checklist.md", "--output", "out"]);

        build.Checklist!.FullName.ShouldBe(Path.Combine(_root.Path, "deploy", "checklist.md"));
        build.Output!.FullName.ShouldBe(Path.Combine(_root.Path, "out"));
    }

    [Fact]
    public void Bind_AbsolutePath_IsKept()
    {
        var absolute = Path.Combine(Path.GetTempPath(), "elsewhere.md");

        var (build, _) = Binding.Bind(_root, ["--checklist", absolute]);

        build.Checklist!.FullName.ShouldBe(absolute);
    }

    [Fact]
    public void Bind_EmptyPath_Fails()
    {
        Binding.Fails(_root, ["--output="]).Message.ShouldContain("Expected a directory path");
    }
}
