using Runway.Service.Metrics;

namespace Runway.Phases;

/// <summary>
/// The split while a canary bakes beside a fresh baseline: the canary and the fresh pool get the canary's share each,
/// the live pool of the previous release the rest (100 − 2 × share), and is not judged.
/// </summary>
/// <param name="Previous">The previous release (its live pool's key).</param>
/// <param name="Pool">The fresh baseline pool's key.</param>
/// <param name="Canary">The canary's release.</param>
/// <param name="Share">The canary's weight, in percent (at most 50).</param>
public sealed record BaselineSplit(string Previous, string Pool, string Canary, int Share)
{
    /// <summary>The weights to set.</summary>
    public IReadOnlyDictionary<string, int> Weights => new Dictionary<string, int> { [Previous] = 100 - 2 * Share, [Pool] = Share, [Canary] = Share };

    /// <summary>
    /// What the sender sent to the two judged pools. The live pool answers with the same release as the fresh one, so
    /// the previous release's counts are cut to the fresh pool's part of them (its share of the two); without release
    /// counts, the whole is cut to the judged pools' share. The blindness check then holds the metrics to the traffic
    /// the judged pools were sent, not to the whole environment's.
    /// </summary>
    public SentTraffic Judged(SentTraffic sent)
    {
        ArgumentNullException.ThrowIfNull(sent);
        if (sent.ByRelease.Count == 0)
        {
            return new SentTraffic(sent.Answered * 2 * Share / 100, sent.Errors * 2 * Share / 100, sent.ByRelease, sent.ErrorsByRelease);
        }
        var byRelease = Cut(sent.ByRelease);
        var errorsByRelease = Cut(sent.ErrorsByRelease);
        return new SentTraffic(byRelease.Values.Sum(), errorsByRelease.Values.Sum(), byRelease, errorsByRelease);
    }

    // The fresh pool's part of its release's traffic: its share of the two pools of that release.
    private Dictionary<string, double> Cut(IReadOnlyDictionary<string, double> counts) =>
        counts.Where(c => c.Key == Previous || c.Key == Canary).ToDictionary(c => c.Key, c => c.Key == Previous ? c.Value * Share / (100 - Share) : c.Value);
}
