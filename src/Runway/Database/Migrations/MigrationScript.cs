namespace Runway.Database.Migrations;

/// <summary>One migration file as read from the scripts folder.</summary>
/// <param name="FileName">The file's name, as the history records it.</param>
/// <param name="Version">The version of a versioned script; null for a repeatable one.</param>
/// <param name="Description">The description from the file name, underscores as spaces.</param>
/// <param name="Sql">The script's text.</param>
/// <param name="Checksum">Lower-case hex SHA-256 of the text with line endings normalised to LF.</param>
public sealed record MigrationScript(string FileName, MigrationVersion? Version, string Description, string Sql, string Checksum)
{
    /// <summary>The first-line marker that runs a script outside a transaction, statement by statement.</summary>
    public const string NoTransactionMarker = "-- runway:no-transaction";

    /// <summary>A leading-comment marker: the previous release works with the schema this script leaves, so a rollback leaves it alone.</summary>
    public const string CompatibleMarker = "-- runway:compatible";

    /// <summary>True for a <c>U&lt;version&gt;__</c> script, Flyway's undo of the versioned script of the same version.</summary>
    public bool IsUndo => FileName.StartsWith('U');

    /// <summary>True when a comment line before the first statement is <see cref="CompatibleMarker"/>.</summary>
    public bool IsCompatible => Sql.Split('\n').Select(l => l.Trim()).TakeWhile(l => l.Length == 0 || l.StartsWith("--", StringComparison.Ordinal))
        .Any(l => l.StartsWith(CompatibleMarker, StringComparison.OrdinalIgnoreCase));

    /// <summary>True for an <c>R__</c> script, which runs again whenever its checksum changes.</summary>
    public bool IsRepeatable => Version is null;

    /// <summary>True when the first line is <see cref="NoTransactionMarker"/>.</summary>
    public bool RunsWithoutTransaction =>
        Sql.AsSpan().TrimStart().StartsWith(NoTransactionMarker, StringComparison.OrdinalIgnoreCase);
}
