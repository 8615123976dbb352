using System.Text.RegularExpressions;

namespace Runway.Targets.Logging;

/// <summary>
/// Keeps the newest run logs in <c>.nuke/temp/logs</c> and deletes the rest, before a run writes its own. Only
/// files named as the engine names them (<c>yyyyMMdd-HHmmss-runid.clef</c>) are touched, so the names sort by age.
/// </summary>
internal static partial class LogRetention
{
    /// <summary>Deletes all but the newest <paramref name="keep"/> − 1 run logs, leaving room for this run's; returns how many went.</summary>
    public static int Prune(string folder, int keep)
    {
        if (!Directory.Exists(folder)) return 0;
        var old = Directory.EnumerateFiles(folder, "*.clef")
            .Where(path => RunLogName().IsMatch(Path.GetFileName(path)))
            .OrderByDescending(path => Path.GetFileName(path), StringComparer.Ordinal)
            .Skip(Math.Max(keep - 1, 0))
            .ToList();
        foreach (var path in old) TryDelete(path);
        return old.Count;
    }

    // A log another run still writes (two runs at once) may be locked on some systems: it goes next time.
    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    [GeneratedRegex(@"^\d{8}-\d{6}-[0-9A-Za-z]+\.clef$")]
    private static partial Regex RunLogName();
}
