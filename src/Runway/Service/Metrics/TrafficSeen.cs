using System.Text.Json.Nodes;

namespace Runway.Service.Metrics;

/// <summary>Requests sent (by the load, or counted by the router) against requests the metrics saw, since one start.</summary>
/// <param name="Release">The pool's release, or null for all pools together.</param>
/// <param name="Sent">Requests answered, as the sender counted them.</param>
/// <param name="SentErrors">Of them, answered as errors.</param>
/// <param name="Seen">Requests the metric source counted.</param>
/// <param name="SeenErrors">Errors the metric source counted.</param>
public sealed record TrafficSeen(string? Release, double Sent, double SentErrors, double Seen, double SeenErrors)
{
    /// <summary>Fewest requests sent before a comparison means anything.</summary>
    public const double MinimumSent = 20;

    /// <summary>Below this share of the sent requests, the metrics are taken as not seeing the traffic.</summary>
    public const double MinimumShareSeen = 0.25;

    /// <summary>Why the metrics are blind to this traffic, or null when they see it.</summary>
    public string? Problem() =>
        Sent < MinimumSent ? null
        : Seen < Sent * MinimumShareSeen ? $"{Who} {Sent:0} requests were answered but the metrics counted {Seen:0}"
        : SentErrors >= 5 && SeenErrors == 0 ? $"{Who} {SentErrors:0} of {Sent:0} requests failed but the metrics counted no error"
        : null;

    /// <summary>The figures as evidence.</summary>
    public JsonObject ToEvidence() => new()
    {
        ["release"] = Release, ["sent"] = Sent, ["sentErrors"] = SentErrors, ["seen"] = Seen, ["seenErrors"] = SeenErrors,
    };

    private string Who => Release is null ? "through the environment," : $"by release {Release},";
}
