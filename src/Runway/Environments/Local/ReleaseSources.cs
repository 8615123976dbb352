using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Runway.Environments.Local;

/// <summary>
/// The inputs a release is built from, as one content hash: the project's folder, the folders of the projects it
/// references, and the shared build files (<c>Directory.*.props</c>, <c>global.json</c>) above it. Build output
/// (<c>bin/</c>, <c>obj/</c>) is not an input.
/// </summary>
public static partial class ReleaseSources
{
    private static readonly string[] SharedFiles = ["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json"];

    /// <summary>The SHA-256 (hex) of every input file of <paramref name="projectFile"/>, by relative path and content.</summary>
    public static string Hash(string projectFile)
    {
        var root = Path.GetDirectoryName(Path.GetFullPath(projectFile))!;
        var files = InputFiles(Path.GetFullPath(projectFile)).Distinct().Order(StringComparer.Ordinal).ToList();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(root, file).Replace('\\', '/') + "\n"));
            hash.AppendData(File.ReadAllBytes(file));
        }
        return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }

    private static IEnumerable<string> InputFiles(string projectFile)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([projectFile]);
        while (pending.TryPop(out var project))
        {
            if (!seen.Add(project) || !File.Exists(project)) continue;
            var folder = Path.GetDirectoryName(project)!;
            foreach (var file in ProjectFolderFiles(folder)) yield return file;
            foreach (var reference in ProjectReferences(project))
                pending.Push(Path.GetFullPath(reference.Replace('\\', '/'), folder));
            foreach (var shared in SharedAbove(folder)) yield return shared;
        }
    }

    private static IEnumerable<string> ProjectFolderFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(folder, f).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" || part.StartsWith('.')));

    private static IEnumerable<string> SharedAbove(string folder)
    {
        for (var directory = new DirectoryInfo(folder); directory is not null; directory = directory.Parent)
        {
            foreach (var name in SharedFiles.Select(n => Path.Combine(directory.FullName, n)).Where(File.Exists))
                yield return name;
            if (Directory.Exists(Path.Combine(directory.FullName, ".git")) || File.Exists(Path.Combine(directory.FullName, ".git"))) yield break;
        }
    }

    private static IEnumerable<string> ProjectReferences(string project) =>
        ProjectReference().Matches(File.ReadAllText(project)).Select(m => m.Groups[1].Value);

    [GeneratedRegex("<ProjectReference\\s+Include=\"([^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex ProjectReference();
}
