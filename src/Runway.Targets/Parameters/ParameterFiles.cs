namespace Runway.Targets.Parameters;

/// <summary>
/// Finds <c>.nuke/parameters.json</c> and the profile files named by <c>--profile</c> (none named: the build's
/// default profiles whose files exist), weakest first.
/// </summary>
internal static class ParameterFiles
{
    public const string ProfileOption = "profile";
    private const string Folder = ".nuke";
    private const string Prefix = "parameters.";
    private const string Extension = ".json";
    private const string DefaultsFile = ".nuke/parameters.json";

    public static IReadOnlyList<ParameterFile> Load(string rootDirectory, CommandLine commandLine, IReadOnlyList<string> defaultProfiles)
    {
        var profiles = commandLine.Options.GetValueOrDefault(ProfileOption) ?? [];
        if (commandLine.Has(ProfileOption) && profiles.Count == 0)
        {
            throw new ParameterException(
                $"--profile needs a profile name, e.g. --profile production. Existing profiles: {Listing(ExistingProfiles(rootDirectory))}.");
        }

        var files = new List<ParameterFile>();
        if (File.Exists(Path.Combine(rootDirectory, DefaultsFile)))
        {
            files.Add(ParameterFile.Load(rootDirectory, DefaultsFile, ParameterSource.ParametersFile));
        }

        foreach (var profile in profiles)
        {
            files.Add(ParameterFile.Load(rootDirectory, ProfilePath(rootDirectory, profile), ParameterSource.ProfileFile));
        }

        // A default profile is optional: a repository without its file runs on parameters.json alone, as before.
        if (!commandLine.Has(ProfileOption))
        {
            files.AddRange(defaultProfiles
                .Where(profile => File.Exists(Path.Combine(rootDirectory, FilePath(profile))))
                .Select(profile => ParameterFile.Load(rootDirectory, FilePath(profile), ParameterSource.ProfileFile)));
        }

        return files;
    }

    private static string ProfilePath(string rootDirectory, string profile)
    {
        var path = FilePath(profile);
        var valid = profile.Length > 0 && profile.IndexOfAny(['/', '\\', ':']) < 0 && !profile.StartsWith('.');
        if (valid && File.Exists(Path.Combine(rootDirectory, path)))
        {
            return path;
        }

        var existing = ExistingProfiles(rootDirectory);
        var known = existing.Count == 0
            ? $"No profile files exist; create {path} to define it."
            : $"Existing profiles: {Listing(existing)}.{Suggestion(profile, existing)}";
        throw new ParameterException($"Profile '{profile}' (--profile) has no file {path}. {known}");
    }

    private static string FilePath(string profile) => $"{Folder}/{Prefix}{profile}{Extension}";

    private static IReadOnlyList<string> ExistingProfiles(string rootDirectory)
    {
        var directory = Path.Combine(rootDirectory, Folder);
        if (!Directory.Exists(directory))
        {
            return [];
        }

        return Directory.EnumerateFiles(directory, $"{Prefix}*{Extension}")
            .Select(file => Path.GetFileName(file)[Prefix.Length..^Extension.Length])
            .Where(name => name.Length > 0)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static string Listing(IReadOnlyList<string> profiles) => profiles.Count == 0 ? "none" : string.Join(", ", profiles);

    private static string Suggestion(string profile, IReadOnlyList<string> existing) =>
        NameSuggestions.Nearest(profile, existing) is [var nearest, ..] ? $" Did you mean '{nearest}'?" : "";
}
