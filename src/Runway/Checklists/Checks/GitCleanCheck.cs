using System.Text.Json.Nodes;

namespace Runway.Checklists.Checks;

/// <summary>
/// <c>git-clean</c>: the working tree has no uncommitted or untracked (non-ignored) changes, apart from the parameter
/// files <c>.nuke/parameters*.json</c>: those are where a person tunes an environment (the README says so), so an
/// edit there is allowed and recorded instead — each changed file's path and SHA-256 in the evidence.
/// </summary>
public static class GitCleanCheck
{
    /// <summary>The check id.</summary>
    public const string Id = "git-clean";

    private const int ListedPaths = 20;

    /// <summary>Runs <c>git status --porcelain</c> in <paramref name="repositoryDirectory"/>.</summary>
    public static async Task<CheckResult> RunAsync(string repositoryDirectory, CancellationToken cancellationToken = default)
    {
        var git = new GitRepository(repositoryDirectory);
        var output = await git.RunAsync(cancellationToken, "status", "--porcelain=v1", "-z", "--untracked-files=normal").ConfigureAwait(false);
        var entries = Entries(output);
        var parameterFiles = entries.Where(IsParameterFile).ToList();
        var changed = entries.Except(parameterFiles).ToList();
        var evidence = new JsonObject
        {
            ["clean"] = changed.Count == 0,
            ["changedCount"] = changed.Count,
            ["changed"] = new JsonArray([.. changed.Take(ListedPaths).Select(p => (JsonNode)p)]),
            ["parameterFilesChanged"] = new JsonArray([.. parameterFiles.Select(p => (JsonNode)Recorded(repositoryDirectory, p))]),
        };
        var summary = changed.Count == 0 ? "working tree clean" : $"{changed.Count} uncommitted change(s), e.g. {changed[0]}; commit or stash them";
        return new CheckResult(Id, changed.Count == 0, summary, evidence);
    }

    private static bool IsParameterFile(string path) =>
        path.StartsWith(".nuke/parameters", StringComparison.Ordinal) && path.EndsWith(".json", StringComparison.Ordinal) && path.LastIndexOf('/') == ".nuke".Length;

    // The hash pins the exact values the run read without copying them (a file may hold a connection string).
    private static JsonObject Recorded(string repositoryDirectory, string path)
    {
        var full = Path.Combine(repositoryDirectory, path);
        var hash = File.Exists(full) ? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(full))) : "deleted";
        return new JsonObject { ["path"] = path, ["sha256"] = hash };
    }

    // Porcelain -z entries are "XY path", and a rename is followed by its old path as a separate entry.
    private static List<string> Entries(string output)
    {
        var entries = output.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        var paths = new List<string>();
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i].Length < 4) continue;
            paths.Add(entries[i][3..]);
            if (entries[i][0] is 'R' or 'C') i++;
        }
        return paths;
    }
}
