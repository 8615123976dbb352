using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Runway.Database.Migrations;

/// <summary>The scripts of a folder, ordered as they run, and the problems found reading it.</summary>
/// <param name="Scripts">Versioned scripts by version, then repeatable ones by file name.</param>
/// <param name="Problems">Malformed file names and duplicate versions; a run refuses to start while any exist.</param>
public sealed record MigrationScriptSet(IReadOnlyList<MigrationScript> Scripts, IReadOnlyList<string> Problems)
{
    /// <summary>The undo scripts (<c>U&lt;version&gt;__…</c>), which an upgrade never runs; a rollback does.</summary>
    public IReadOnlyList<MigrationScript> UndoScripts { get; init; } = [];

    /// <summary>The undo script of the versioned script <paramref name="fileName"/>, or null when it has none.</summary>
    public MigrationScript? UndoOf(string fileName) =>
        Scripts.FirstOrDefault(s => s.FileName == fileName) is { IsRepeatable: false } script
            ? UndoScripts.FirstOrDefault(u => u.Version!.Equals(script.Version)) : null;

    /// <summary>The script named <paramref name="fileName"/>, or null.</summary>
    public MigrationScript? Find(string fileName) => Scripts.FirstOrDefault(s => s.FileName == fileName);
}

/// <summary>Reads Flyway-named migration scripts from a folder.</summary>
public static partial class MigrationScriptFolder
{
    private const string ExpectedForm = "V<version>__<description>.sql (version like 1, 1.1 or 2_1), its undo U<version>__<description>.sql, or R__<description>.sql";

    /// <summary>Reads every <c>*.sql</c> file of <paramref name="directory"/>; a missing folder is a problem, not an exception.</summary>
    public static async Task<MigrationScriptSet> ReadAsync(string directory, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(directory))
            return new([], [$"Migration folder '{directory}' does not exist: create it or set {nameof(MigrationOptions.ScriptsDirectory)}."]);
        var scripts = new List<MigrationScript>();
        var problems = new List<string>();
        foreach (var path in Directory.EnumerateFiles(directory, "*.sql").Order(StringComparer.Ordinal))
        {
            var script = await ReadScriptAsync(path, cancellationToken).ConfigureAwait(false);
            if (script is null) problems.Add($"Migration file '{Path.GetFileName(path)}' has a malformed name: expected {ExpectedForm}.");
            else scripts.Add(script);
        }
        var undo = scripts.Where(s => s.IsUndo).ToList();
        scripts.RemoveAll(s => s.IsUndo);
        problems.AddRange(DuplicateVersions(scripts));
        problems.AddRange(DuplicateVersions(undo));
        problems.AddRange(OrphanUndos(undo, scripts));
        return new(Ordered(scripts), problems) { UndoScripts = undo };
    }

    /// <summary>Lower-case hex SHA-256 of <paramref name="sql"/> with CRLF normalised to LF, so a checkout's line endings do not count as a change.</summary>
    public static string Checksum(string sql) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.ReplaceLineEndings("\n"))));

    private static async Task<MigrationScript?> ReadScriptAsync(string path, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(path);
        var match = FileName().Match(name);
        if (!match.Success) return null;
        var version = match.Groups["version"].Success ? MigrationVersion.TryParse(match.Groups["version"].Value) : null;
        if (match.Groups["version"].Success && version is null) return null;
        var sql = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        return new MigrationScript(name, version, match.Groups["description"].Value.Replace('_', ' '), sql, Checksum(sql));
    }

    private static IEnumerable<string> DuplicateVersions(List<MigrationScript> scripts) =>
        scripts.Where(s => !s.IsRepeatable).GroupBy(s => s.Version!).Where(g => g.Count() > 1)
            .Select(g => $"Migration version {g.Key} is used by more than one file ({string.Join(", ", g.Select(s => s.FileName))}): give each a unique version.");

    // A typo'd undo (U3 for V2) leaves V2 with none, so a rollback would restore a backup instead of undoing it.
    private static IEnumerable<string> OrphanUndos(List<MigrationScript> undo, List<MigrationScript> scripts)
    {
        var versioned = scripts.Where(s => !s.IsRepeatable).OrderBy(s => s.Version).ToList();
        var example = versioned.LastOrDefault();
        return undo.Where(u => versioned.All(s => !s.Version!.Equals(u.Version))).Select(u =>
            $"Undo script '{u.FileName}' undoes version {u.Version}, but no versioned script has it ({(versioned.Count == 0 ? "none" : string.Join(", ", versioned.Select(s => $"V{s.Version}")))}): " +
            "rename it after the script it undoes" + (example is null ? "." : $", e.g. U{example.Version}__{u.FileName[(u.FileName.IndexOf("__", StringComparison.Ordinal) + 2)..]} for {example.FileName}."));
    }

    private static List<MigrationScript> Ordered(List<MigrationScript> scripts) =>
        [.. scripts.Where(s => !s.IsRepeatable).OrderBy(s => s.Version), .. scripts.Where(s => s.IsRepeatable).OrderBy(s => s.FileName, StringComparer.Ordinal)];

    [GeneratedRegex(@"^(?:[VU](?<version>\d+(?:[._]\d+)*)|R)__(?<description>[^.\s][^/]*?)\.sql$")]
    private static partial Regex FileName();
}
