using Json.Schema;
using Runway.Targets.Tests.Support;
using Shouldly;
using Xunit;

namespace Runway.Targets.Tests.Parameters;

/// <summary>
/// Issue 14 rule 3: every committed parameter file validates against the committed build.schema.json with a real
/// JSON Schema validator (the Test target separately fails when the committed schema is stale).
/// </summary>
public sealed class CommittedParameterFilesTests
{
    public static IEnumerable<object[]> Files() =>
        Directory.GetFiles(Path.Combine(BuildScript.RepositoryRoot, ".nuke"), "parameters*.json")
            .Select(path => new object[] { Path.GetFileName(path) });

    [Theory]
    [MemberData(nameof(Files))]
    public void ParameterFile_ValidatesAgainstTheSchema(string file)
    {
        var schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(BuildScript.RepositoryRoot, ".nuke", "build.schema.json")));
        // Strict JSON, as the loader reads it: a comment is a syntax error in both.
        using var instance = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(BuildScript.RepositoryRoot, ".nuke", file)));

        var result = schema.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
        result.IsValid.ShouldBeTrue(string.Join("; ", errors));
    }

    [Fact]
    public void Files_AreThere()
    {
        Files().Count().ShouldBeGreaterThanOrEqualTo(3);
    }
}
