using System.Runtime.CompilerServices;
using Shouldly;

namespace Runway.Targets.Tests.Snapshots;

/// <summary>
/// Compares text with a checked-in file in this folder. Set RUNWAY_UPDATE_SNAPSHOTS=1 to write the file instead,
/// then review the diff before committing.
/// </summary>
public static class Snapshot
{
    private const string UpdateVariable = "RUNWAY_UPDATE_SNAPSHOTS";

    /// <summary>Asserts that <paramref name="actual"/> equals the snapshot file <paramref name="fileName"/>, e.g. "help.txt".</summary>
    public static void Match(string actual, string fileName)
    {
        var path = Path.Combine(Folder(), fileName);
        var normalised = Normalise(actual);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(path, normalised);
            return;
        }

        File.Exists(path).ShouldBeTrue($"Snapshot {fileName} does not exist. Run the tests with {UpdateVariable}=1 to create it.");
        normalised.ShouldBe(
            Normalise(File.ReadAllText(path)),
            $"Output differs from snapshot {fileName}. If the change is intended, rerun with {UpdateVariable}=1 and review the diff.");
    }

    private static string Normalise(string text) => text.ReplaceLineEndings("\n");

    // The compiler records this file's own path, so snapshots are read from the source tree, not the output folder.
    private static string Folder([CallerFilePath] string thisFile = "") => Path.GetDirectoryName(thisFile)!;
}
