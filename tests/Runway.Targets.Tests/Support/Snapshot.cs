using System.Text.RegularExpressions;

namespace Runway.Targets.Tests.Support;

/// <summary>Snapshot match for console output: normalises what differs per run, then compares via <see cref="Snapshots.Snapshot"/>.</summary>
internal static partial class Snapshot
{
    public static void Match(string name, string actual, string? root = null) =>
        Snapshots.Snapshot.Match(Normalise(actual, root), name + ".txt");

    // Log lines carry the wall clock (Serilog stamps events itself) and temp folders differ per run.
    public static string Normalise(string text, string? root)
    {
        if (root is not null) text = text.Replace(root, "<root>", StringComparison.Ordinal);
        return Clock().Replace(text.ReplaceLineEndings("\n"), "hh:mm:ss");
    }

    [GeneratedRegex(@"^\d\d:\d\d:\d\d", RegexOptions.Multiline)]
    private static partial Regex Clock();
}
