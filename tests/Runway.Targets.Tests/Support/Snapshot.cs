using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Shouldly;

namespace Runway.Targets.Tests.Support;

/// <summary>Compares text to a checked-in file under Snapshots/; RUNWAY_UPDATE_SNAPSHOTS=1 rewrites the file instead.</summary>
internal static partial class Snapshot
{
    public static void Match(string name, string actual, string? root = null, [CallerFilePath] string caller = "")
    {
        var normalised = Normalise(actual, root);
        var path = Path.Combine(ProjectDirectory(caller), "Snapshots", name + ".txt");
        if (System.Environment.GetEnvironmentVariable("RUNWAY_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(path, normalised);
            return;
        }
        File.Exists(path).ShouldBeTrue($"No snapshot {name}.txt yet; run the tests with RUNWAY_UPDATE_SNAPSHOTS=1 and review it.");
        normalised.ShouldBe(File.ReadAllText(path));
    }

    // Log lines carry the wall clock (Serilog stamps events itself) and temp folders differ per run.
    public static string Normalise(string text, string? root)
    {
        if (root is not null) text = text.Replace(root, "<root>", StringComparison.Ordinal);
        return Clock().Replace(text.ReplaceLineEndings("\n"), "hh:mm:ss");
    }

    private static string ProjectDirectory(string caller)
    {
        var dir = new DirectoryInfo(Path.GetDirectoryName(caller)!);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Runway.Targets.Tests.csproj"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the test project folder for snapshots.");
    }

    [GeneratedRegex(@"^\d\d:\d\d:\d\d", RegexOptions.Multiline)]
    private static partial Regex Clock();
}
