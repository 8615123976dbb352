using System.Globalization;
using System.Text.RegularExpressions;

namespace Runway.Database.Backups;

/// <summary>A backup archive found in the backup folder, described by its name.</summary>
/// <param name="Path">The file's full path.</param>
/// <param name="Database">The database it holds.</param>
/// <param name="CreatedAt">When the dump started (UTC, from the name).</param>
/// <param name="IsSafetyDump">True for a dump taken right before a restore; retention never deletes these.</param>
public sealed record BackupFile(string Path, string Database, DateTimeOffset CreatedAt, bool IsSafetyDump);

/// <summary>Names archives <c>&lt;database&gt;_&lt;UTC yyyyMMddTHHmmssfffZ&gt;[.safety].dump</c> and reads such names back.</summary>
public static partial class BackupFileName
{
    private const string TimestampFormat = "yyyyMMdd'T'HHmmssfff'Z'";

    /// <summary>The file name for a dump of <paramref name="database"/> started at <paramref name="createdAt"/>.</summary>
    public static string For(string database, DateTimeOffset createdAt, bool safetyDump = false) =>
        $"{database}_{createdAt.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture)}{(safetyDump ? ".safety" : "")}.dump";

    /// <summary>The archives of <paramref name="directory"/>, newest first; files with other names are ignored.</summary>
    public static IReadOnlyList<BackupFile> List(string directory) =>
        !System.IO.Directory.Exists(directory) ? [] :
        [.. System.IO.Directory.EnumerateFiles(directory, "*.dump").Select(Parse).OfType<BackupFile>().OrderByDescending(f => f.CreatedAt)];

    /// <summary>Describes <paramref name="path"/>; null when its name is not a backup's.</summary>
    public static BackupFile? Parse(string path)
    {
        var match = Name().Match(System.IO.Path.GetFileName(path));
        if (!match.Success) return null;
        var createdAt = DateTimeOffset.ParseExact(match.Groups["at"].Value, TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        return new BackupFile(System.IO.Path.GetFullPath(path), match.Groups["db"].Value, createdAt, match.Groups["safety"].Success);
    }

    [GeneratedRegex(@"^(?<db>.+)_(?<at>\d{8}T\d{9}Z)(?<safety>\.safety)?\.dump$")]
    private static partial Regex Name();
}
