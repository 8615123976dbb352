using Runway.Targets.Tests.Support;
using Shouldly;
using Xunit;

namespace Runway.Targets.Tests.Parameters;

/// <summary>Issue 14 rule 4: a run knows the exact values it bound, for the deployment to record, secrets masked.</summary>
public sealed class ParameterValuesTests
{
    private sealed class ValuesBuild : RecordingBuild
    {
        [Parameter("a duration")] public TimeSpan BakeTime { get; set; } = TimeSpan.FromMinutes(30);
        [Parameter("a weight")] public int CanaryWeight { get; set; } = 10;
        [Parameter("a flag")] public bool AutoRollback { get; set; } = true;
        [Parameter("names")] public string[] Names { get; set; } = [];
        [Parameter("unset")] public string? Release { get; set; }
        [Parameter("a token"), Secret] public string? ApiToken { get; set; }
        [Parameter("an unset token"), Secret] public string? OtherToken { get; set; }

        public IReadOnlyDictionary<string, string?> Seen { get; private set; } = new Dictionary<string, string?>();

        public Target Default => _ => _.Executes(() => Seen = ParameterValues);
    }

    [Fact]
    public void ParameterValues_AreTheBoundValuesAsText_WithSetSecretsMasked()
    {
        using var harness = new BuildHarness();
        harness.Environment["RUNWAY_API_TOKEN"] = "tok-123-secret";
        var build = new ValuesBuild();

        harness.Run(() => build, "--bake-time", "20s", "--names", "a", "b", "--no-logo").ShouldBe(0, harness.Output);

        build.Seen.ShouldBe(new Dictionary<string, string?>
        {
            ["BakeTime"] = "20 s", ["CanaryWeight"] = "10", ["AutoRollback"] = "true", ["Names"] = "a,b",
            ["Release"] = null, ["ApiToken"] = "*****", ["OtherToken"] = null,
        }, ignoreOrder: true);
    }
}
