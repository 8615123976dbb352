namespace Runway.Database.Migrations;

/// <summary>A row of the schema history: a script that ran (or was baselined) against this database.</summary>
/// <param name="Version">The version of a versioned script as recorded (e.g. <c>2.1</c>); null for a repeatable one.</param>
/// <param name="Description">The description from the file name.</param>
/// <param name="Script">The file name.</param>
/// <param name="Checksum">The SHA-256 of the script when it ran.</param>
/// <param name="InstalledBy">Who ran it.</param>
/// <param name="InstalledAt">When it started.</param>
/// <param name="ExecutionMs">How long it took, in milliseconds (0 for a baselined script).</param>
/// <param name="Success">False only for a no-transaction script that failed part-way.</param>
public sealed record AppliedMigration(
    string? Version,
    string Description,
    string Script,
    string Checksum,
    string InstalledBy,
    DateTimeOffset InstalledAt,
    long ExecutionMs,
    bool Success);
