namespace Runway.Canary;

/// <summary>What the canary is compared with (<c>--canary-baseline auto|fresh|live</c>).</summary>
public enum CanaryBaseline
{
    /// <summary>
    /// <see cref="Fresh"/> where the environment can run it (the local runtime with the scrape metrics source, and a
    /// canary weight of at most 50 %), <see cref="Live"/> elsewhere, saying so in the log and the evidence.
    /// </summary>
    Auto,

    /// <summary>
    /// A fresh pool of the previous release, started with the canary's instance count at the bake, given the canary's
    /// share of traffic, and removed after it (Kayenta's baseline): the live pool keeps the rest and is not judged.
    /// </summary>
    Fresh,

    /// <summary>The live pool of the previous release, which serves every request the canary does not.</summary>
    Live,
}
