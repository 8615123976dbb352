using Runway.Targets.Tests.Support;
using Shouldly;
using Xunit;

namespace Runway.Targets.Tests.Output;

/// <summary>
/// Issue 14: <c>--help</c> shows, for each parameter, the value the same run would use (the code's default overridden
/// by <c>.nuke/parameters.json</c>, the profiles named by <c>--profile</c> and <c>RUNWAY_*</c> variables), and where it
/// comes from. It used to show the code's initialiser: 30 m while the local profile bakes 20 s.
/// </summary>
public sealed class HelpDefaultsTests : IDisposable
{
    private readonly BuildHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public void Help_ShowsTheValueFromParametersJson_AndNamesTheFile()
    {
        Write("parameters.json", """{ "BakeTime": "20s" }""");

        Help().ShouldBe(0, _harness.Output);

        Row("--bake-time").ShouldEndWith("(default: 20 s, from .nuke/parameters.json)");
        Row("--canary-weight").ShouldEndWith("(default: 10)", customMessage: "untouched parameters show the code's default");
    }

    [Fact]
    public void Help_WithAProfile_ShowsTheProfilesValue_OverParametersJson()
    {
        Write("parameters.json", """{ "BakeTime": "20s", "CanaryWeight": 5 }""");
        Write("parameters.production.json", """{ "BakeTime": "45m" }""");

        Help("--profile", "production").ShouldBe(0, _harness.Output);

        Row("--bake-time").ShouldEndWith("(default: 45 m, from .nuke/parameters.production.json)");
        Row("--canary-weight").ShouldEndWith("(default: 5, from .nuke/parameters.json)");
    }

    [Fact]
    public void Help_ShowsAVariablesValue_AndASetSecretOnlyAsSet()
    {
        _harness.Environment["RUNWAY_CANARY_WEIGHT"] = "25";
        _harness.Environment["RUNWAY_TOKEN"] = "s3cr3t-value";

        Help().ShouldBe(0, _harness.Output);

        Row("--canary-weight").ShouldEndWith("(default: 25, from RUNWAY_CANARY_WEIGHT)");
        Row("--token").ShouldEndWith("(secret, set from RUNWAY_TOKEN)");
        _harness.Output.ShouldNotContain("s3cr3t-value");
    }

    [Fact]
    public void Help_WithABadValueInAFile_StillShowsTheHelp_AndNamesTheProblemOnStandardError()
    {
        Write("parameters.json", """{ "BakeTime": "soon" }""");

        Help().ShouldBe(2, _harness.Output);

        Row("--bake-time").ShouldEndWith("(default: 30 m)", customMessage: "the run would fail: the code's defaults are shown");
        _harness.StandardError.ShouldContain("BakeTime in .nuke/parameters.json");
    }

    private int Help(params string[] extra) => _harness.Run(() => new BakingBuild(), ["--help", .. extra]);

    private void Write(string file, string json) => File.WriteAllText(Path.Combine(_harness.Root, ".nuke", file), json);

    private string Row(string option) =>
        _harness.StandardOutput.Split('\n').SingleOrDefault(line => line.TrimStart().StartsWith(option + " ", StringComparison.Ordinal))?.TrimEnd()
        ?? throw new ShouldAssertException($"no row for {option} in:\n{_harness.Output}");

    private sealed class BakingBuild : BuildBase
    {
        [Parameter("How long the canary bakes")]
        public TimeSpan BakeTime { get; set; } = TimeSpan.FromMinutes(30);

        [Parameter("The canary's share of traffic, in percent")]
        public int CanaryWeight { get; set; } = 10;

        [Parameter("The API token"), Secret]
        public string? Token { get; set; }

        public Target Default => _ => _.Executes(() => { });
    }
}
