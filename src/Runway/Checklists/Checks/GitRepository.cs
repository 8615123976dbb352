using Runway.Processes;

namespace Runway.Checklists.Checks;

/// <summary>Runs git in one working tree and fails with the command and its output when git does.</summary>
internal sealed class GitRepository(string directory)
{
    public string Directory { get; } = directory;

    public async Task<string> RunAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var spec = new ProcessSpec("git", ["-C", Directory, .. arguments]);
        var result = await ProcessRunner.RunAsync(spec, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
            throw new InvalidOperationException($"`{spec}` failed in {Directory} (is it a git repository?): {result.StandardError.Trim()}");
        return result.StandardOutput;
    }

    /// <summary>Paths from NUL-separated output (<c>-z</c>), so names with spaces or newlines survive.</summary>
    public static IReadOnlyList<string> Paths(string output) =>
        output.Split('\0', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(p => p.Length > 0).ToList();
}
