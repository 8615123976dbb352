using System.Reflection;

namespace Runway.Service.Init;

/// <summary>
/// Writes what a repository needs to adopt Runway: a neutral <c>deploy/</c> (service contract, smoke probes, a
/// checklist made from the seed deployment checklist, an empty migrations folder) and a profile skeleton for the
/// chosen kind. It never overwrites: when any file exists, it writes nothing and says which.
/// </summary>
public static class RepositoryInit
{
    /// <summary>The kinds of profile it can write.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["local", "commands", "haproxy-prometheus"];

    /// <summary>Writes the files under <paramref name="root"/> for a profile named <paramref name="profile"/> of <paramref name="kind"/>; returns them, relative.</summary>
    /// <exception cref="InvalidOperationException">The kind is unknown, or a file exists; nothing was written.</exception>
    public static IReadOnlyList<string> Write(string root, string kind, string profile)
    {
        if (!Kinds.Contains(kind))
            throw new InvalidOperationException($"--init-kind is '{kind}'; use one of {string.Join(", ", Kinds)}.");
        var files = new Dictionary<string, string>
        {
            ["deploy/service.json"] = Template("service.json"),
            ["deploy/smoke.json"] = Template("smoke.json"),
            ["deploy/checklist.md"] = Template("checklist.md"),
            ["deploy/migrations/.gitkeep"] = "",
            [$".nuke/parameters.{profile}.json"] = Template($"profile-{kind}.json"),
        };
        var existing = files.Keys.Where(f => File.Exists(Path.Combine(root, f))).ToList();
        if (existing.Count > 0)
            throw new InvalidOperationException($"Init writes nothing over existing files: {string.Join(", ", existing)} already exist. Move them aside, or edit them by hand.");
        foreach (var (file, text) in files)
        {
            var path = Path.Combine(root, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }

        return files.Keys.ToList();
    }

    private static string Template(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Runway.Service.Init.Templates.{name}")
            ?? throw new InvalidOperationException($"Init's template {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
