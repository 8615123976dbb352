using Runway.Processes;

namespace Runway.GitHub;

/// <summary>The commit being released: HEAD of the adopting repository, as git says.</summary>
public static class ReleaseCommit
{
    /// <summary>The full SHA of HEAD in <paramref name="repositoryDirectory"/>.</summary>
    /// <exception cref="InvalidOperationException">The folder is no git repository, or it has no commit yet.</exception>
    public static async Task<string> HeadAsync(string repositoryDirectory, CancellationToken cancellationToken)
    {
        var spec = new ProcessSpec("git", ["-C", repositoryDirectory, "rev-parse", "--verify", "HEAD^{commit}"]);
        var result = await ProcessRunner.RunAsync(spec, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
            throw new InvalidOperationException(
                $"Cannot tell the release commit: `{spec}` failed ({result.StandardError.Trim()}). Run Runway from a git repository with at least one commit.");
        return result.StandardOutput.Trim();
    }
}
