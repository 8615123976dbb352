namespace Runway.GitHub;

/// <summary>What <see cref="ReleaseGate.CheckAsync"/> found for one release commit.</summary>
/// <param name="CommitSha">The release commit the checks ran against.</param>
/// <param name="Checks">One entry per check, in the order <c>github-checks-green</c>, <c>release-tagged</c>, <c>release-notes-drafted</c>, <c>no-blocking-prs</c>.</param>
/// <param name="ReleaseNotes">The drafted release notes (Markdown), or <c>null</c> when GitHub produced none.</param>
public sealed record ReleaseGateResult(string CommitSha, IReadOnlyList<GateCheck> Checks, string? ReleaseNotes)
{
    /// <summary>Check id: every status and check run on the release commit is green.</summary>
    public const string ChecksGreen = "github-checks-green";

    /// <summary>Check id: the release tag exists and points at the release commit.</summary>
    public const string ReleaseTagged = "release-tagged";

    /// <summary>Check id: release notes were drafted from the merged pull requests.</summary>
    public const string ReleaseNotesDrafted = "release-notes-drafted";

    /// <summary>Check id: no open pull request carries the blocking label.</summary>
    public const string NoBlockingPullRequests = "no-blocking-prs";

    /// <summary>True when every check passed.</summary>
    public bool Passed => Checks.All(c => c.Passed);

    /// <summary>The check with <paramref name="id"/>.</summary>
    public GateCheck this[string id] => Checks.Single(c => c.Id == id);
}
