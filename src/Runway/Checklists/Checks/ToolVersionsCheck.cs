using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Runway.Processes;

namespace Runway.Checklists.Checks;

/// <summary><c>tool-versions</c>: each required tool runs and reports a version inside its accepted range.</summary>
public static partial class ToolVersionsCheck
{
    /// <summary>The check id.</summary>
    public const string Id = "tool-versions";

    /// <summary>Asks every tool in <paramref name="requirements"/> (the defaults when null) for its version.</summary>
    public static async Task<CheckResult> RunAsync(IReadOnlyList<ToolRequirement>? requirements = null, CancellationToken cancellationToken = default)
    {
        requirements ??= ToolRequirement.Defaults;
        var tools = new JsonArray();
        var problems = new List<string>();
        foreach (var requirement in requirements)
        {
            var (version, problem) = await ProbeAsync(requirement, cancellationToken).ConfigureAwait(false);
            tools.Add(new JsonObject
            {
                ["name"] = requirement.Name,
                ["command"] = requirement.VersionCommand.ToString(),
                ["version"] = version?.ToString(),
                ["required"] = requirement.Range,
                ["ok"] = problem is null,
            });
            if (problem is not null) problems.Add(problem);
        }
        var summary = problems.Count == 0 ? $"{requirements.Count} tool(s) in range" : string.Join("; ", problems);
        return new CheckResult(Id, problems.Count == 0, summary, new JsonObject { ["tools"] = tools });
    }

    /// <summary>The first dotted version number in a tool's output (e.g. 15.18 from "postgres (PostgreSQL) 15.18 (Debian …)").</summary>
    public static Version? ParseVersion(string output)
    {
        var match = VersionNumber().Match(output);
        return match.Success && Version.TryParse(match.Value.Contains('.', StringComparison.Ordinal) ? match.Value : match.Value + ".0", out var v) ? v : null;
    }

    private static async Task<(Version? Version, string? Problem)> ProbeAsync(ToolRequirement requirement, CancellationToken cancellationToken)
    {
        ProcessResult result;
        try
        {
            result = await ProcessRunner.RunAsync(requirement.VersionCommand, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            return (null, $"{requirement.Name} not found (`{requirement.VersionCommand}`); install {requirement.Range}");
        }
        var version = result.Succeeded ? ParseVersion(result.StandardOutput + result.StandardError) : null;
        if (version is null)
            return (null, $"{requirement.Name}: `{requirement.VersionCommand}` gave no version (exit {result.ExitCode})");
        return requirement.Accepts(version) ? (version, null)
            : (version, $"{requirement.Name} {version} is outside {requirement.Range}; install a version in range");
    }

    [GeneratedRegex(@"\d+(\.\d+){1,3}|\d+")]
    private static partial Regex VersionNumber();
}
