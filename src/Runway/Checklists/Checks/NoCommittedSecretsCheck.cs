using System.Text;
using System.Text.Json.Nodes;

namespace Runway.Checklists.Checks;

/// <summary>
/// <c>no-committed-secrets</c>: no tracked file (<c>git ls-files</c>) is a secret by name (<c>.env</c>, <c>*.pem</c>,
/// <c>id_rsa</c>) or holds secret-looking text (private key blocks, AWS key ids, GitHub tokens).
/// Evidence lists offending files and the kind of finding, never the matched text.
/// </summary>
public static class NoCommittedSecretsCheck
{
    /// <summary>The check id.</summary>
    public const string Id = "no-committed-secrets";

    private const long LargestScannedFile = 2 * 1024 * 1024;

    /// <summary>Scans the tracked files of the repository at <paramref name="repositoryDirectory"/>.</summary>
    public static async Task<CheckResult> RunAsync(string repositoryDirectory, CancellationToken cancellationToken = default)
    {
        var git = new GitRepository(repositoryDirectory);
        var files = GitRepository.Paths(await git.RunAsync(cancellationToken, "ls-files", "-z").ConfigureAwait(false));
        var offending = new JsonArray();
        foreach (var file in files)
        {
            var reason = SecretPatterns.ByName(file) ?? await ContentFindingAsync(Path.Combine(repositoryDirectory, file), cancellationToken).ConfigureAwait(false);
            if (reason is not null) offending.Add(new JsonObject { ["file"] = file, ["finding"] = reason });
        }
        var evidence = new JsonObject { ["filesScanned"] = files.Count, ["offending"] = offending };
        var summary = offending.Count == 0
            ? $"{files.Count} tracked file(s), no secrets"
            : $"{offending.Count} tracked file(s) look like secrets, e.g. {offending[0]!["file"]}; remove them from git (git rm --cached) and rotate the secret";
        return new CheckResult(Id, offending.Count == 0, summary, evidence);
    }

    private static async Task<string?> ContentFindingAsync(string path, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        if (!info.Exists || info.Length > LargestScannedFile) return null; // deleted in the tree, or not a text file worth reading
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        if (Array.IndexOf(bytes, (byte)0) >= 0) return null; // binary
        return SecretPatterns.ByContent(Encoding.UTF8.GetString(bytes));
    }
}
