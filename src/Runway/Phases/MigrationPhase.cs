using Runway.Ledger;

namespace Runway.Phases;

/// <summary>Migration: a fresh verified backup (the one a rollback restores), then the schema migrations.</summary>
public sealed class MigrationPhase(DatabaseSteps database)
{
    /// <summary>The step that applies the migrations; a rollback reads it to know whether the database changed.</summary>
    public const string MigrationsStep = "migrations-applied";

    /// <summary>The step whose backup a rollback restores.</summary>
    public const string BackupStep = "pre-migration-backup";

    /// <summary>The phase's steps for <paramref name="deployment"/>.</summary>
    public IReadOnlyList<DeploymentStep> Steps(Deployment deployment) =>
    [
        database.VerifiedBackup(deployment, BackupStep),
        database.Migrations(MigrationsStep, database.ConnectionString, "migrations-applied"),
    ];
}
