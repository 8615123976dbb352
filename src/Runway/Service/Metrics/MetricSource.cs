using System.Text.Json.Nodes;
using Runway.Canary;

namespace Runway.Service.Metrics;

/// <summary>
/// The metric source a profile chose, with what the checks around it need: a description of what the source has
/// (for the message when it sees no traffic), what it expects (the series or queries), and its evidence.
/// </summary>
/// <param name="Name">The source's name in the profile (<c>scrape</c>, <c>prometheus</c>).</param>
/// <param name="Source">The counters.</param>
/// <param name="Expected">The series or queries the contract says to read.</param>
/// <param name="Describe">What the source actually has for a pool.</param>
/// <param name="Evidence">Queries and answers so far (Prometheus), or null.</param>
public sealed record MetricSource(
    string Name,
    IMetricsSource Source,
    string Expected,
    Func<CanaryPool, CancellationToken, Task<string>> Describe,
    Func<JsonNode?> Evidence);
