namespace Runway.Service.Metrics;

/// <summary>Cumulative requests a sender (the synthetic load, or the router) counted as answered, in all and per release.</summary>
/// <param name="Answered">Requests answered.</param>
/// <param name="Errors">Of them, answered with an error status.</param>
/// <param name="ByRelease">Answered per release, where the sender can tell (the contract's release header); empty otherwise.</param>
/// <param name="ErrorsByRelease">Errors per release.</param>
public sealed record SentTraffic(double Answered, double Errors, IReadOnlyDictionary<string, double> ByRelease, IReadOnlyDictionary<string, double> ErrorsByRelease)
{
    /// <summary>
    /// The synthetic load's counts so far. With a release header, only errors a release answered count: a router's own
    /// 502 (no release header) never reached the service, so its metrics cannot show it.
    /// </summary>
    public static SentTraffic From(Load.LoadSnapshot load)
    {
        ArgumentNullException.ThrowIfNull(load);
        var byRelease = load.ByRelease.Where(r => r.Key != "(none)").ToDictionary(r => r.Key, r => (double)r.Value);
        var errorsByRelease = load.FailuresByRelease.Where(r => r.Key != "(none)").ToDictionary(r => r.Key, r => (double)r.Value);
        var errors = byRelease.Count > 0 ? errorsByRelease.Values.Sum() : load.Failures - load.NoAnswer;
        return new(load.Requests - load.NoAnswer, errors, byRelease, errorsByRelease);
    }
}
