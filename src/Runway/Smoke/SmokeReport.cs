using System.Text.Json.Nodes;

namespace Runway.Smoke;

/// <summary>The results of a smoke run, in probe order.</summary>
/// <param name="BaseUrl">The URL the probes ran against.</param>
/// <param name="Results">One result per probe.</param>
public sealed record SmokeReport(Uri BaseUrl, IReadOnlyList<SmokeProbeResult> Results)
{
    /// <summary>True when every probe passed.</summary>
    public bool Passed => Results.All(result => result.Passed);

    /// <summary>The failed probes.</summary>
    public IEnumerable<SmokeProbeResult> Failures => Results.Where(result => !result.Passed);

    /// <summary>Check ids proven: named by at least one probe, and every probe naming it passed.</summary>
    public IReadOnlyList<string> ProvenChecks() =>
        Results.Where(r => r.Proves is not null).GroupBy(r => r.Proves!).Where(g => g.All(r => r.Passed)).Select(g => g.Key).ToList();

    /// <summary>Evidence for the probes proving <paramref name="checkId"/>, or for all probes when null.</summary>
    public JsonObject ToEvidence(string? checkId = null) => new()
    {
        ["baseUrl"] = BaseUrl.GetLeftPart(UriPartial.Authority),
        ["passed"] = Passed,
        ["probes"] = new JsonArray(Results.Where(r => checkId is null || r.Proves == checkId).Select(r => (JsonNode)r.ToEvidence()).ToArray()),
    };
}
