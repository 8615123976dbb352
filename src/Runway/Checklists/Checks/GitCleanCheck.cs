using System.Text.Json.Nodes;

namespace Runway.Checklists.Checks;

/// <summary><c>git-clean</c>: the working tree has no uncommitted or untracked (non-ignored) changes.</summary>
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
        var changed = Entries(output);
        var evidence = new JsonObject
        {
            ["clean"] = changed.Count == 0,
            ["changedCount"] = changed.Count,
            ["changed"] = new JsonArray([.. changed.Take(ListedPaths).Select(p => (JsonNode)p)]),
        };
        var summary = changed.Count == 0 ? "working tree clean" : $"{changed.Count} uncommitted change(s), e.g. {changed[0]}; commit or stash them";
        return new CheckResult(Id, changed.Count == 0, summary, evidence);
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
