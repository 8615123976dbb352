namespace Runway.Targets.Running;

/// <summary>Finds the folder holding <c>.nuke/</c>: <c>--root</c> when given (alone: the working directory), else upward from the working directory.</summary>
internal static class RootDirectoryLocator
{
    public static string Locate(string? root, string workingDirectory)
    {
        if (root is not null)
        {
            var full = root.Length == 0 ? Path.GetFullPath(workingDirectory) : Path.GetFullPath(root, workingDirectory);
            return Directory.Exists(full) ? full : throw new Planning.PlanningException($"--root '{root}' does not exist. Pass an existing folder.");
        }
        // build.sh runs the build from .nuke/temp/build-bin, so the program's own folder finds the root when the caller is elsewhere.
        return Upward(workingDirectory) ?? Upward(AppContext.BaseDirectory) ?? Path.GetFullPath(workingDirectory);
    }

    private static string? Upward(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, ".nuke"))) return dir.FullName;
        }
        return null;
    }
}
