namespace Runway.Service.Metrics;

/// <summary>Cumulative requests a sender (the synthetic load, or the router) counted as answered, in all and per release.</summary>
/// <param name="Answered">Requests answered.</param>
/// <param name="Errors">Of them, answered with an error status.</param>
/// <param name="ByRelease">Answered per release, where the sender can tell (the contract's release header); empty otherwise.</param>
/// <param name="ErrorsByRelease">Errors per release.</param>
public sealed record SentTraffic(double Answered, double Errors, IReadOnlyDictionary<string, double> ByRelease, IReadOnlyDictionary<string, double> ErrorsByRelease)
{
    /// <summary>The synthetic load's counts so far.</summary>
    public static SentTraffic From(Load.LoadSnapshot load)
    {
        ArgumentNullException.ThrowIfNull(load);
        return new(load.Requests - load.NoAnswer, load.Failures - load.NoAnswer,
            load.ByRelease.Where(r => r.Key != "(none)").ToDictionary(r => r.Key, r => (double)r.Value),
            load.FailuresByRelease.Where(r => r.Key != "(none)").ToDictionary(r => r.Key, r => (double)r.Value));
    }
}
