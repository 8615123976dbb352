using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Runway.Tests.GitHub.Contract;

/// <summary>
/// GitHub's published OpenAPI description of api.github.com (npm package <c>@octokit/openapi</c>), cut down to the
/// operations Runway's areas of the API have (deployments, issues, git, commits, releases, pulls), with every schema
/// they reference, and served under <c>/api/v3</c> as GitHub Enterprise Server serves the same API.
/// The cut keeps Prism's start-up short; a request outside it finds no route and fails the test just the same.
/// </summary>
public static partial class GitHubSpec
{
    /// <summary>The package and file the description comes from (installed by .ci/run with <c>npm install -g</c>).</summary>
    public const string Package = "@octokit/openapi";

    public const string PathPrefix = "/api/v3";

    /// <summary>Writes the cut-down description to a temp file and returns its path.</summary>
    public static string WriteTrimmed()
    {
        var source = Find();
        var document = JsonNode.Parse(File.ReadAllText(source))!.AsObject();
        var paths = document["paths"]!.AsObject();
        var kept = new JsonObject();
        foreach (var (path, item) in paths.Where(p => RunwayAreas().IsMatch(p.Key)).ToList())
        {
            kept[PathPrefix + path] = item!.DeepClone();
            if (MultiSegmentParameter(item!.AsObject(), document) is { } name)
                kept[PathPrefix + path.Replace($"{{{name}}}", $"{{{name}_head}}/{{{name}}}", StringComparison.Ordinal)] = WithHeadParameter(item!.AsObject(), name);
        }
        var components = new JsonObject();
        CollectReferences(kept, document["components"]!.AsObject(), components);
        var trimmed = new JsonObject
        {
            ["openapi"] = document["openapi"]!.DeepClone(),
            ["info"] = document["info"]!.DeepClone(),
            ["servers"] = new JsonArray(new JsonObject { ["url"] = "https://api.github.com" }),
            ["paths"] = kept,
            ["components"] = components,
        };
        var target = Path.Combine(Path.GetTempPath(), $"runway-github-openapi-{Environment.ProcessId}.json");
        File.WriteAllText(target, trimmed.ToJsonString());
        return target;
    }

    // GitHub marks a path parameter that spans segments ("tags/v2.4.0" in /git/ref/{ref}) with x-multi-segment, which
    // Prism does not understand; a second route with the first segment as its own parameter says the same for two segments.
    private static string? MultiSegmentParameter(JsonObject item, JsonObject document) =>
        item.Where(o => o.Value is JsonObject).SelectMany(o => o.Value!["parameters"]?.AsArray() ?? [])
            .Select(parameter => parameter!["$ref"]?.GetValue<string>() is { } reference
                ? document["components"]!["parameters"]![reference.Split('/')[^1]]!
                : parameter!)
            .FirstOrDefault(parameter => parameter["x-multi-segment"]?.GetValue<bool>() == true)?["name"]?.GetValue<string>();

    private static JsonObject WithHeadParameter(JsonObject item, string name)
    {
        var copy = item.DeepClone().AsObject();
        foreach (var (_, operation) in copy.Where(o => o.Value is JsonObject).ToList())
            operation!["parameters"]?.AsArray().Add(new JsonObject
            {
                ["name"] = $"{name}_head", ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" },
            });
        return copy;
    }

    /// <summary>api.github.com.json inside the globally installed package.</summary>
    public static string Find()
    {
        var root = NpmGlobalRoot();
        var file = Path.Combine(root, Package, "generated", "api.github.com.json");
        return File.Exists(file) ? file
            : throw new InvalidOperationException($"GitHub's OpenAPI description is not installed ({file} is missing). Run: npm install -g {Package} @stoplight/prism-cli (see .ci/run).");
    }

    private static string NpmGlobalRoot()
    {
        using var npm = Process.Start(new ProcessStartInfo("npm", "root -g") { RedirectStandardOutput = true, UseShellExecute = false })
            ?? throw new InvalidOperationException("npm is not installed; the GitHub contract tests need it (see .ci/run).");
        var root = npm.StandardOutput.ReadToEnd().Trim();
        npm.WaitForExit();
        return root;
    }

    // Walks the kept operations and copies each referenced component (and what it references) once.
    private static void CollectReferences(JsonNode? node, JsonObject all, JsonObject kept)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"]?.GetValue<string>() is { } reference && reference.StartsWith("#/components/", StringComparison.Ordinal))
                    CopyComponent(reference["#/components/".Length..].Split('/', 2), all, kept);
                foreach (var (_, child) in obj) CollectReferences(child, all, kept);
                break;
            case JsonArray array:
                foreach (var child in array) CollectReferences(child, all, kept);
                break;
        }
    }

    private static void CopyComponent(string[] kindAndName, JsonObject all, JsonObject kept)
    {
        var (kind, name) = (kindAndName[0], kindAndName[1]);
        var section = kept[kind] as JsonObject ?? (JsonObject)(kept[kind] = new JsonObject());
        if (section.ContainsKey(name)) return;
        var component = all[kind]![name]!.DeepClone();
        section[name] = component;
        CollectReferences(component, all, kept);
    }

    [GeneratedRegex(@"^/repos/\{owner\}/\{repo\}/(deployments|issues|git|commits|releases|pulls)(/|$)")]
    private static partial Regex RunwayAreas();
}
