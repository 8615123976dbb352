using System.Text.Json.Nodes;
using Runway.Checklists.Checks;
using Runway.Environments;
using Runway.Ledger;
using Runway.Smoke;

namespace Runway.Phases;

/// <summary>
/// Preparation: the source and the release are what they claim, the configuration and tools are in place, a
/// verified backup exists and restores, and the release has been deployed, migrated and smoke-tested on staging.
/// </summary>
public sealed class PreparationPhase(DeploymentServices services)
{
    private readonly DatabaseSteps _database = new(services);
    private readonly SmokeSteps _smoke = new(services);

    /// <summary>The phase's steps for <paramref name="deployment"/>.</summary>
    public IReadOnlyList<DeploymentStep> Steps(Deployment deployment)
    {
        var settings = services.Settings;
        List<DeploymentStep> steps =
        [
            Check("git-clean", token => GitCleanCheck.RunAsync(settings.RootDirectory, token)),
            Check("release-identified", token => ReleaseIdentifiedCheck.RunAsync(deployment.Release, settings.RootDirectory, token)),
            new("config-present", ConfigurationPresentAsync),
            Check("env-vars-set", _ => Task.FromResult(EnvVarsSetCheck.Run(settings.RequiredEnvironmentVariables,
                name => services.Topology.ServiceVariable(deployment.Release, name)))),
            Check("tool-versions", token => ToolVersionsCheck.RunAsync(Runway.Service.ToolContracts.Requirements(services.Contract), token)),
            Check("no-committed-secrets", token => NoCommittedSecretsCheck.RunAsync(settings.RootDirectory, token)),
            _database.VerifiedBackup(deployment),
            _database.RestoreDrill(),
            new("rollback-plan", _ => Task.FromResult(RollbackPlan(deployment))),
        ];
        // Before anything is built or backed up: a release GitHub refuses should stop cheaply.
        if (services.GitHub is { } github)
            steps.Insert(2, new ReleaseGateStep(services, github).For(deployment));
        if (services.Topology.Staging is { } staging)
            steps.AddRange(Staging(staging, deployment.Release));
        else if (services.Checklist.Checklist.Items.Any(i => i.CheckId == "metrics-reachable"))
            steps.Add(_smoke.MetricsReachableOnCurrentPool("metrics-reachable", services.Environment));
        return steps;
    }

    private IEnumerable<DeploymentStep> Staging(StagingTarget staging, string release) =>
    [
        _database.StagingMigrations("staging-migrated", staging.DatabaseConnectionString, "staging-migrated"),
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
        _smoke.Probes("staging-smoke", staging.Environment, "staging-smoke", includeProbeChecks: false),
        _smoke.MetricsReachable("metrics-reachable", staging.Environment, release),
    ];

    private Task<StepOutcome> ConfigurationPresentAsync(CancellationToken cancellationToken)
    {
        var settings = services.Settings;
        var migrations = settings.Resolve(settings.MigrationsDirectory);
        if (!Directory.Exists(migrations))
            throw new InvalidOperationException($"The migrations folder {settings.MigrationsDirectory} does not exist. Create it (it may be empty) or set --migrations-directory.");
        var probes = SmokeProbeFile.Load(settings.Resolve(settings.SmokeFile));
        if (probes.Any(p => p.NeedsToken) && string.IsNullOrEmpty(services.Topology.ServiceToken))
            throw new InvalidOperationException("The smoke probes need a token: set --service-token (RUNWAY_SERVICE_TOKEN).");
        return Task.FromResult(StepOutcome.Of(new JsonObject
        {
            ["environment"] = settings.Environment,
            ["ledger"] = new Npgsql.NpgsqlConnectionStringBuilder(services.Topology.LedgerConnectionString) { Password = null }.Host,
            ["checklist"] = settings.ChecklistFile,
            ["checklistItems"] = services.Checklist.Checklist.Items.Count,
            ["migrationScripts"] = Directory.GetFiles(migrations, "*.sql").Length,
            ["smokeProbes"] = probes.Count,
            ["serviceToken"] = services.Topology.ServiceToken is null ? "absent" : "present",
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
