using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Runway.Checklists.Checks;

/// <summary><c>release-identified</c>: the release version is valid SemVer 2.0 and, when a repository is given, HEAD is a commit.</summary>
public static partial class ReleaseIdentifiedCheck
{
    /// <summary>The check id.</summary>
    public const string Id = "release-identified";

    /// <summary>True when <paramref name="version"/> is SemVer 2.0 (e.g. <c>2.4.0</c>, <c>1.0.0-rc.1+build.5</c>).</summary>
    public static bool IsSemVer(string version) => SemVer().IsMatch(version);

    /// <summary>Checks the version, and records HEAD's commit from <paramref name="repositoryDirectory"/> when given.</summary>
    public static async Task<CheckResult> RunAsync(string release, string? repositoryDirectory = null, CancellationToken cancellationToken = default)
    {
        var evidence = new JsonObject { ["release"] = release, ["semver"] = IsSemVer(release) };
        string? commit = null;
        if (repositoryDirectory is not null)
        {
            var output = await new GitRepository(repositoryDirectory).RunAsync(cancellationToken, "rev-parse", "--verify", "HEAD^{commit}").ConfigureAwait(false);
            commit = output.Trim();
            evidence["commit"] = commit;
        }
        if (!IsSemVer(release))
            return new CheckResult(Id, false, $"release '{release}' is not a SemVer version (MAJOR.MINOR.PATCH, e.g. 2.4.0); pass --version with one", evidence);
        return new CheckResult(Id, true, commit is null ? $"release {release}" : $"release {release} at {commit[..Math.Min(12, commit.Length)]}", evidence);
    }

    // The official SemVer 2.0 pattern (semver.org), anchored.
    [GeneratedRegex(@"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$")]
    private static partial Regex SemVer();
}
