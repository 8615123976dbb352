namespace Runway.GitHub;

/// <summary>How strict <see cref="ReleaseGate"/> is and what it may change.</summary>
public sealed class ReleaseGateOptions
{
    /// <summary>Create the release tag when it is missing (otherwise a missing tag fails <c>release-tagged</c>). Default false.</summary>
    public bool CreateTagIfMissing { get; init; }

    /// <summary>Tag name prefix before the release. Default <c>v</c> (release 2.4.0 → <c>v2.4.0</c>).</summary>
    public string TagPrefix { get; init; } = "v";

    /// <summary>The previous release, whose tag starts the release notes; <c>null</c> lets GitHub pick the latest release.</summary>
    public string? PreviousRelease { get; init; }

    /// <summary>Open pull requests with this label block the release. Default <c>blocks-release</c>.</summary>
    public string BlockingLabel { get; init; } = "blocks-release";

    /// <summary>Status contexts or check-run names that must be present and green; the ones present must be green either way.</summary>
    public IReadOnlyList<string> RequiredChecks { get; init; } = [];

    /// <summary>The tag for <paramref name="release"/>.</summary>
    public string TagFor(string release) => TagPrefix + release;
}
