namespace Runway.Targets.Running;

/// <summary>Finds the folder holding <c>.nuke/</c>: <c>--root</c> when given, else upward from the working directory.</summary>
internal static class RootDirectoryLocator
{
    public static string Locate(string? root, string workingDirectory)
    {
        if (root is not null)
        {
            var full = Path.GetFullPath(root, workingDirectory);
            return Directory.Exists(full) ? full : throw new Planning.PlanningException($"--root '{root}' does not exist. Pass an existing folder.");
        }
        for (var dir = new DirectoryInfo(workingDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, ".nuke"))) return dir.FullName;
        }
        return Path.GetFullPath(workingDirectory);
    }
}
