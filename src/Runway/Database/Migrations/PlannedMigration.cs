namespace Runway.Database.Migrations;

/// <summary>Why a script is due to run.</summary>
public enum MigrationReason
{
    /// <summary>A versioned or repeatable script that has never run here.</summary>
    Pending,

    /// <summary>A repeatable script whose file changed since it last ran.</summary>
    ChecksumChanged,
}

/// <summary>A script that a run would apply, and why.</summary>
public sealed record PlannedMigration(MigrationScript Script, MigrationReason Reason);

/// <summary>What an upgrade would do: the scripts due, in order, and the problems that would stop it.</summary>
/// <param name="Scripts">The scripts due, in the order they would run.</param>
/// <param name="Problems">Malformed names, changed or missing applied scripts; nothing runs while any exist.</param>
public sealed record MigrationPlan(IReadOnlyList<PlannedMigration> Scripts, IReadOnlyList<string> Problems)
{
    /// <summary>True when nothing stops the run.</summary>
    public bool IsValid => Problems.Count == 0;
}
