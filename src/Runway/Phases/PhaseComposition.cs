using Runway.Environments;
using Runway.Load;
using Runway.Service.Metrics;

namespace Runway.Phases;

/// <summary>
/// The one place that says which phase uses what: each phase and step family is made from the run's services with
/// only the pieces it uses. A phase is made when it is about to run, so nothing here reads a file or starts anything.
/// </summary>
public sealed class PhaseComposition(DeploymentServices services)
{
    private PipelineSettings Settings => services.Settings;

    /// <summary>Preparation: checks, backup and restore drill, staging.</summary>
    public PreparationPhase Preparation() => new(
        Settings, services.Topology, services.Environment, services.Checklist, services.Service, DatabaseSteps(), SmokeSteps(),
        services.GitHub is { } github ? ReleaseGate(github) : null);

    /// <summary>Canary: the new pool beside the baseline, baked and judged.</summary>
    public CanaryPhase Canary() => new(
        Settings, services.Environment, services.Session, services.Checklist, services.Service, services.Metrics, Load(), PoolHealth(),
        AbsoluteLimits(), DatabaseSteps(), services.Time, services.Logger);

    /// <summary>Rollout50 and RolloutFull.</summary>
    public RolloutPhases Rollout() => new(services.Environment);

    /// <summary>Migration: a fresh backup, then the schema migrations.</summary>
    public MigrationPhase Migration() => new(DatabaseSteps());

    /// <summary>Validation: through the URL users reach, then the previous pool removed.</summary>
    public ValidationPhase Validation() => new(
        Settings, services.Environment, services.Checklist, services.Service, SmokeSteps(), Rollout(), services.Time, services.Logger);

    /// <summary>The rollback; <paramref name="automatic"/> when Runway decided it (a failed phase), not a person.</summary>
    public RollbackProcedure Rollback(bool automatic = false)
    {
        var database = DatabaseSteps();
        var migrations = new DeploymentMigrations(services.Deployments);
        var restore = new DatabaseRestoreDecision(database, services.Database, migrations, Settings.RestoreDatabase, Ask, automatic, services.Logger, services.Time);
        return new RollbackProcedure(services.Environment, SmokeSteps(), TakeBack(database), restore, migrations, services.Database, services.Logger);
    }

    /// <summary>Compares the world with the ledger before a phase is skipped.</summary>
    public Reconciliation Reconciliation() => new(Settings, services.Environment, services.Deployments, ReleaseIntent(), PoolHealth(), services.Logger);

    /// <summary>What a cancelled run does before it exits.</summary>
    public Cancellation Cancellation() => new(services.Environment, services.Session, services.Deployments, services.Logger);

    /// <summary>Down, refused under a live or orphaned run unless forced.</summary>
    public EnvironmentShutdown Shutdown(bool force) =>
        new(Settings.Environment, services.LedgerDatabase, services.Session, services.Topology, force, services.Logger);

    /// <summary>The database steps: backups, drills, migrations.</summary>
    public DatabaseSteps DatabaseSteps() => new(services.Database, services.Logger, services.Time);

    /// <summary>Smoke probes and the metrics check.</summary>
    public SmokeSteps SmokeSteps() => new(services.Service, services.Metrics, Settings.Resolve(Settings.SmokeFile), services.Time, services.Logger);

    /// <summary>The instances' health, and their replacement.</summary>
    public PoolHealth PoolHealth() => new(services.Environment, services.Service, (services.Topology.Environment as ComposedEnvironment)?.Health, services.Logger, services.Time);

    /// <summary>GitHub's release gate.</summary>
    public ReleaseGateStep ReleaseGate(GitHub.GitHubConnection github) => new(Settings.RootDirectory, Settings.ReleaseGate, github, services.Logger);

    private ReleaseIntent ReleaseIntent() => new(Settings, services.Deployments, services.Logger);

    private MigrationTakeBack TakeBack(DatabaseSteps database) => new(database, services.Database, services.Logger, services.Time);

    private AbsoluteLimitsBake AbsoluteLimits() =>
        new(Settings.Canary, Settings.Limits, () => services.Metrics(services.Environment.Name), Load(), services.Time, services.Logger);

    private SyntheticLoad Load() => new(services.Service, Settings.SyntheticLoad, Settings.LoadRequestsPerSecond, services.Time, services.Logger);

    // Only a person at a terminal can be asked; in CI nobody answers.
    private Func<string, bool>? Ask => Settings.Interactive ? Settings.Confirm : null;
}
