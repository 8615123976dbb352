using Runway.Ledger;

namespace Runway.Phases;

/// <summary>Migration: a fresh verified backup (the one a rollback restores), then the schema migrations.</summary>
public sealed class MigrationPhase(DeploymentServices services)
{
    private readonly DatabaseSteps _database = new(services);

    /// <summary>The step that applies the migrations; a rollback reads it to know whether the database changed.</summary>
    public const string MigrationsStep = "migrations-applied";

    /// <summary>The step whose backup a rollback restores.</summary>
    public const string BackupStep = "pre-migration-backup";

    /// <summary>The phase's steps for <paramref name="deployment"/>.</summary>
    public IReadOnlyList<DeploymentStep> Steps(Deployment deployment) =>
    [
        _database.VerifiedBackup(deployment, BackupStep),
        _database.Migrations(MigrationsStep, services.Topology.DatabaseConnectionString, "migrations-applied"),
    ];
}
