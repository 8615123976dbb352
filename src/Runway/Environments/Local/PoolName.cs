namespace Runway.Environments.Local;

/// <summary>
/// How pools are keyed. Everywhere (the state file, the router's table, <see cref="EnvironmentSnapshot"/>, weights)
/// a pool is keyed by a string that is, for every pool but one kind, its release. The canary's fresh baseline is a
/// second pool of the previous release, so it is keyed <c>&lt;release&gt;~baseline</c> (e.g. <c>1.0.0~baseline</c>),
/// which the local runtime maps back to the release's artifact and configuration.
/// </summary>
/// <remarks>
/// A separate key, not a flag on the release's pool, keeps what exists right without teaching it a second notion:
/// Status and the router list it as a pool of its own; Down stops it with the others; a rollback or a lapsed lease
/// sets weights by release, which leaves it at 0; Reconciliation never expects it (no traffic step records it). '~' is
/// not a character of a SemVer version (nor of a Docker tag), so no real release can take the name.
/// </remarks>
public static class PoolName
{
    /// <summary>What a fresh baseline pool's key ends with.</summary>
    public const string BaselineSuffix = "~baseline";

    /// <summary>The key of <paramref name="release"/>'s fresh baseline pool.</summary>
    public static string Baseline(string release) => release + BaselineSuffix;

    /// <summary>True when <paramref name="pool"/> is a fresh baseline pool's key.</summary>
    public static bool IsBaseline(string pool) => pool.EndsWith(BaselineSuffix, StringComparison.Ordinal);

    /// <summary>The release whose artifact <paramref name="pool"/> runs (the key itself for a release's own pool).</summary>
    public static string Release(string pool) => IsBaseline(pool) ? pool[..^BaselineSuffix.Length] : pool;
}
