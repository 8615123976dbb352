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
}
