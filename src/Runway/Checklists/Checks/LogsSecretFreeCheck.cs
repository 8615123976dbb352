using System.Text.Json.Nodes;

namespace Runway.Checklists.Checks;

/// <summary>
/// <c>logs-secret-free</c>: none of the given secret values appears in the given log files.
/// Evidence holds the files scanned, their bytes and hit counts — never the values.
/// </summary>
public static class LogsSecretFreeCheck
{
    /// <summary>The check id.</summary>
    public const string Id = "logs-secret-free";

    /// <summary>Scans <paramref name="logFiles"/> for each non-blank value of <paramref name="secrets"/>. A missing log fails the check.</summary>
    public static async Task<CheckResult> RunAsync(IEnumerable<string> logFiles, IEnumerable<string> secrets, CancellationToken cancellationToken = default)
    {
        var values = secrets.Where(s => !string.IsNullOrWhiteSpace(s)).Distinct(StringComparer.Ordinal).ToList();
        var files = new JsonArray();
        long bytes = 0, hits = 0;
        var missing = 0;
        foreach (var file in logFiles)
        {
            if (!File.Exists(file)) { missing++; files.Add(new JsonObject { ["file"] = file, ["missing"] = true }); continue; }
            var text = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
            var fileHits = values.Sum(v => Count(text, v));
            var length = new FileInfo(file).Length;
            bytes += length;
            hits += fileHits;
            files.Add(new JsonObject { ["file"] = file, ["bytes"] = length, ["hits"] = fileHits });
        }
        var evidence = new JsonObject { ["files"] = files, ["bytes"] = bytes, ["secretsChecked"] = values.Count, ["hits"] = hits };
        var passed = hits == 0 && missing == 0;
        var summary = passed ? $"{files.Count} log file(s), {bytes} bytes, no secret values"
            : hits > 0 ? $"{hits} secret value occurrence(s) in logs; mask them at the logger and rotate the exposed secrets"
            : $"{missing} log file(s) missing; cannot prove them secret-free";
        return new CheckResult(Id, passed, summary, evidence);
    }

    private static int Count(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
            count++;
        return count;
    }
}
