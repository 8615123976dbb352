using System.Text;

namespace Runway.Targets.Parameters;

/// <summary>Derives the command-line, environment and JSON names of a parameter from one member name.</summary>
internal static class ParameterNames
{
    public const string EnvironmentPrefix = "RUNWAY_";

    // Brand names Nuke keeps as one word, so NuGetApiKey is --nuget-api-key, not --nu-get-api-key.
    private static readonly string[] KnownWords =
        ["GitHub", "GitLab", "NuGet", "DotNet", "MSBuild", "TeamCity", "AppVeyor", "GitVersion", "ReSharper", "PowerShell", "SonarQube", "JetBrains"];

    public static string Kebab(string name) => string.Join('-', Words(name)).ToLowerInvariant();

    public static string Environment(string name) =>
        EnvironmentPrefix + string.Join('_', Words(name)).ToUpperInvariant();

    public static string Pascal(string name) =>
        string.Concat(Words(name).Select(word => char.ToUpperInvariant(word[0]) + word[1..]));

    /// <summary>
    /// Splits <c>_bakeTime</c>, <c>BakeTime</c>, <c>bake-time</c>, <c>HTTPPort</c> or <c>Rollout50Weight</c> into
    /// words; digits stay with the word before them; a known brand name (<c>NuGet</c>, <c>GitHub</c>, …) is one word.
    /// </summary>
    public static IReadOnlyList<string> Words(string name)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush(words, current);
                continue;
            }

            if ((current.Length == 0 || StartsWord(name, i)) && KnownWordAt(name, i) is { } known)
            {
                Flush(words, current);
                words.Add(known);
                i += known.Length - 1;
                continue;
            }

            if (StartsWord(name, i) && current.Length > 0)
            {
                Flush(words, current);
            }

            current.Append(c);
        }

        Flush(words, current);
        return words;
    }

    // A known word counts only when it ends a word too: "NuGetApiKey" has NuGet, "NuGets" has not.
    private static string? KnownWordAt(string name, int i) =>
        KnownWords.FirstOrDefault(word =>
            string.CompareOrdinal(name, i, word, 0, word.Length) == 0
            && (i + word.Length == name.Length || !char.IsLower(name[i + word.Length])));

    private static bool StartsWord(string name, int i)
    {
        if (i == 0 || !char.IsUpper(name[i]))
        {
            return false;
        }

        var previous = name[i - 1];
        var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]);
        return char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && nextIsLower);
    }

    private static void Flush(List<string> words, StringBuilder current)
    {
        if (current.Length > 0)
        {
            words.Add(current.ToString());
            current.Clear();
        }
    }
}
