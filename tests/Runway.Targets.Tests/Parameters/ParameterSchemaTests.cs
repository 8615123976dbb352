using System.Text.Json;
using Runway.Targets.Parameters;
using Runway.Targets.Tests.Snapshots;
using Shouldly;
using Xunit;

namespace Runway.Targets.Tests.Parameters;

public sealed class ParameterSchemaTests
{
    private static readonly string[] Targets =
        ["Preparation", "Canary", "Rollout50", "RolloutFull", "Migration", "Validation", "Deploy", "Rollback"];

    private static IReadOnlyList<ParameterDescriptor> Parameters(SampleBuild? build = null) =>
        ParameterDiscovery.Discover(typeof(SampleBuild), build ?? new SampleBuild());

    [Fact]
    public void Generate_SampleBuild_MatchesSnapshot()
    {
        Snapshot.Match(ParameterSchema.Generate(Parameters(), Targets), "parameter-schema.json");
    }

    [Fact]
    public void Generate_ParametersInAnyOrder_GivesIdenticalOutput()
    {
        var parameters = Parameters();

        var forward = ParameterSchema.Generate(parameters, Targets);
        var reversed = ParameterSchema.Generate(parameters.Reverse().ToList(), Targets.Reverse().ToList());

        reversed.ShouldBe(forward);
    }

    [Fact]
    public void Generate_Secret_HasNoDefault()
    {
        var schema = ParameterSchema.Generate(Parameters(new SampleBuild { GitHubToken = "ghp_s3cret" }), Targets);

        schema.ShouldNotContain("ghp_s3cret");
        var properties = JsonDocument.Parse(schema).RootElement.GetProperty("properties");
        properties.GetProperty("GitHubToken").TryGetProperty("default", out _).ShouldBeFalse();
        properties.GetProperty("VaultPin").TryGetProperty("default", out _).ShouldBeFalse();
    }

    [Fact]
    public void Generate_SampleBuild_DescribesTypesDefaultsAndTargets()
    {
        var root = JsonDocument.Parse(ParameterSchema.Generate(Parameters(), Targets)).RootElement;
        var properties = root.GetProperty("properties");

        properties.GetProperty("BakeTime").GetProperty("pattern").GetString().ShouldBe(Durations.Pattern);
        properties.GetProperty("BakeTime").GetProperty("default").GetString().ShouldBe("5 m");
        properties.GetProperty("Replicas").GetProperty("type").GetString().ShouldBe("integer");
        properties.GetProperty("Strategy").GetProperty("enum").GetArrayLength().ShouldBe(3);
        properties.GetProperty("Ports").GetProperty("items").GetProperty("type").GetString().ShouldBe("integer");
        properties.GetProperty("TargetEnvironment").GetProperty("default").GetString().ShouldBe("local");
        root.GetProperty("definitions").GetProperty("ExecutableTarget").GetProperty("enum").GetArrayLength().ShouldBe(Targets.Length);
    }

    [Fact]
    public void Pattern_AcceptsWhatTheBinderAccepts()
    {
        var pattern = new System.Text.RegularExpressions.Regex(Durations.Pattern);

        foreach (var text in new[] { "250ms", "30s", "5m", "2h", "1h30m", "01:30:00", "1.02:00:00" })
        {
            pattern.IsMatch(text).ShouldBeTrue(text);
            Durations.TryParse(text, out _).ShouldBeTrue(text);
        }
    }
}
