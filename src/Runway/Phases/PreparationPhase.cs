using System.Text.Json.Nodes;
using Runway.Checklists.Checks;
using Runway.Environments;
using Runway.Ledger;
using Runway.Service;
using Runway.Smoke;

namespace Runway.Phases;

/// <summary>
/// Preparation: the source and the release are what they claim, the configuration and tools are in place, a
/// verified backup exists and restores, and the release has been deployed, migrated and smoke-tested on staging.
/// </summary>
/// <param name="settings">The source folder, the files and the variables the checks look at.</param>
/// <param name="topology">Staging (when there is one), the ledger, and the service's variables and token.</param>
/// <param name="environment">The environment, changed under the run's lock.</param>
/// <param name="checklist">Which checks the team's checklist asks for.</param>
/// <param name="service">The service's contract (the tools it needs).</param>
/// <param name="database">The backup and the restore drill.</param>
/// <param name="smoke">Staging's smoke probes and the metrics check.</param>
/// <param name="releaseGate">GitHub's release gate; null when GitHub is off.</param>
public sealed class PreparationPhase(
    PipelineSettings settings, Topology topology, LockedEnvironment environment, DeploymentChecklist checklist, ServiceAccess service,
    DatabaseSteps database, SmokeSteps smoke, ReleaseGateStep? releaseGate)
{
    /// <summary>The phase's steps for <paramref name="deployment"/>.</summary>
    public IReadOnlyList<DeploymentStep> Steps(Deployment deployment)
    {
        List<DeploymentStep> steps =
        [
            Check("git-clean", token => GitCleanCheck.RunAsync(settings.RootDirectory, token)),
            Check("release-identified", token => ReleaseIdentifiedCheck.RunAsync(deployment.Release, settings.RootDirectory, token)),
            new("config-present", ConfigurationPresentAsync),
            Check("env-vars-set", _ => Task.FromResult(EnvVarsSetCheck.Run(settings.RequiredEnvironmentVariables,
                name => topology.ServiceVariable(deployment.Release, name)))),
            Check("tool-versions", token => ToolVersionsCheck.RunAsync(Runway.Service.ToolContracts.Requirements(service.Contract), token)),
            Check("no-committed-secrets", token => NoCommittedSecretsCheck.RunAsync(settings.RootDirectory, token)),
            database.VerifiedBackup(deployment),
            database.RestoreDrill(),
            new("rollback-plan", _ => Task.FromResult(RollbackPlan(deployment))),
        ];
        // Before anything is built or backed up: a release GitHub refuses should stop cheaply.
        if (releaseGate is not null)
            steps.Insert(2, releaseGate.For(deployment));
        if (topology.Staging is { } staging)
            steps.AddRange(Staging(staging, deployment.Release));
        else if (checklist.Checklist.Items.Any(i => i.CheckId == "metrics-reachable"))
            steps.Add(smoke.MetricsReachableOnCurrentPool("metrics-reachable", environment));
        return steps;
    }

    private IEnumerable<DeploymentStep> Staging(StagingTarget staging, string release) =>
    [
        database.StagingMigrations("staging-migrated", staging.DatabaseConnectionString, "staging-migrated"),
        new("staging-deployed", async token =>
        {
            await staging.Environment.DeployPoolAsync(release, token).ConfigureAwait(false);
            var others = (await staging.Environment.ReadAsync(token).ConfigureAwait(false)).Pools.Where(p => p.Release != release).ToList();
            var weights = others.ToDictionary(p => p.Release, _ => 0);
            weights[release] = 100;
            await staging.Environment.SetWeightsAsync(weights, token).ConfigureAwait(false);
            foreach (var pool in others)
                await staging.Environment.RemovePoolAsync(pool.Release, token).ConfigureAwait(false);
            return StepOutcome.Of(new JsonObject { ["environment"] = staging.Environment.Name, ["release"] = release }, "staging-deployed");
        }),
        smoke.Probes("staging-smoke", staging.Environment, "staging-smoke", includeProbeChecks: false),
        smoke.MetricsReachable("metrics-reachable", staging.Environment, release),
    ];

    private Task<StepOutcome> ConfigurationPresentAsync(CancellationToken cancellationToken)
    {
        var migrations = settings.Resolve(settings.MigrationsDirectory);
        if (!Directory.Exists(migrations))
            throw new InvalidOperationException($"The migrations folder {settings.MigrationsDirectory} does not exist. Create it (it may be empty) or set --migrations-directory.");
        var probes = SmokeProbeFile.Load(settings.Resolve(settings.SmokeFile));
        if (probes.Any(p => p.NeedsToken) && string.IsNullOrEmpty(topology.ServiceToken))
            throw new InvalidOperationException("The smoke probes need a token: set --service-token (RUNWAY_SERVICE_TOKEN).");
        return Task.FromResult(StepOutcome.Of(new JsonObject
        {
            ["environment"] = settings.Environment,
            ["ledger"] = new Npgsql.NpgsqlConnectionStringBuilder(topology.LedgerConnectionString) { Password = null }.Host,
            ["checklist"] = settings.ChecklistFile,
            ["checklistItems"] = checklist.Checklist.Items.Count,
            ["migrationScripts"] = Directory.GetFiles(migrations, "*.sql").Length,
            ["smokeProbes"] = probes.Count,
            ["serviceToken"] = topology.ServiceToken is null ? "absent" : "present",
        }, "config-present"));
    }

    private static StepOutcome RollbackPlan(Deployment deployment) => StepOutcome.Of(new JsonObject
    {
        ["previousRelease"] = deployment.PreviousRelease,
        ["plan"] = deployment.PreviousRelease is null
            ? "first deployment to this environment: rollback removes the release and restores the pre-deployment backup"
            : $"traffic back to {deployment.PreviousRelease}, the new pool removed, the database restored from this deployment's backup when a migration ran",
        ["command"] = "./build.sh Rollback",
    }, "rollback-plan");

    private static DeploymentStep Check(string name, Func<CancellationToken, Task<CheckResult>> run) => new(name, async token =>
    {
        var result = await run(token).ConfigureAwait(false);
        if (!result.Passed) throw new InvalidOperationException($"Check {result.CheckId} failed: {result.Summary}");
        return StepOutcome.Of(result.Evidence, result.CheckId);
    });
}
