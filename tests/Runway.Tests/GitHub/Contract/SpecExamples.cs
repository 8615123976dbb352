using System.Text.Json.Nodes;

namespace Runway.Tests.GitHub.Contract;

/// <summary>
/// The response examples in GitHub's OpenAPI description (<c>components/examples</c>), as templates: the stand-in's
/// answers start from GitHub's own example and change only what a test is about, so Prism accepts them.
/// </summary>
public static class SpecExamples
{
    private static readonly Lazy<JsonObject> All = new(() =>
        JsonNode.Parse(File.ReadAllText(GitHubSpec.Find()))!["components"]!["examples"]!.AsObject());

    /// <summary>A fresh copy of the example <paramref name="name"/> (e.g. <c>deployment-simple-example</c>).</summary>
    public static JsonNode Get(string name) =>
        All.Value[name]?["value"]?.DeepClone() ?? throw new KeyNotFoundException($"GitHub's OpenAPI description has no example '{name}'.");

    /// <summary>The first item of the list example <paramref name="name"/>, as an object.</summary>
    public static JsonObject First(string name) => Get(name).AsArray()[0]!.DeepClone().AsObject();
}
