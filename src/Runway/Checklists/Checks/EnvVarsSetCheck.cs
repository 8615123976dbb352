using System.Text.Json.Nodes;

namespace Runway.Checklists.Checks;

/// <summary><c>env-vars-set</c>: every required variable is set and not blank. Evidence holds names only, never values.</summary>
public static class EnvVarsSetCheck
{
    /// <summary>The check id.</summary>
    public const string Id = "env-vars-set";

    /// <summary>Checks <paramref name="required"/> against <paramref name="lookup"/> (the process environment when null).</summary>
    public static CheckResult Run(IEnumerable<string> required, Func<string, string?>? lookup = null)
    {
        lookup ??= Environment.GetEnvironmentVariable;
        var names = required.Distinct(StringComparer.Ordinal).ToList();
        var missing = names.Where(n => string.IsNullOrWhiteSpace(lookup(n))).ToList();
        var evidence = new JsonObject
        {
            ["required"] = new JsonArray([.. names.Select(n => (JsonNode)n)]),
            ["missing"] = new JsonArray([.. missing.Select(n => (JsonNode)n)]),
        };
        var summary = missing.Count == 0
            ? $"{names.Count} required variable(s) set"
            : $"missing or blank: {string.Join(", ", missing)}; set them in the environment or the profile";
        return new CheckResult(Id, missing.Count == 0, summary, evidence);
    }
}
