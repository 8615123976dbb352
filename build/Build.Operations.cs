using Runway.Database.Backups;
using Runway.Phases;
using Runway.Targets;

/// <summary>Looking at and looking after an environment: status, shutdown, backups.</summary>
sealed partial class Build
{
    [Parameter("Status: print JSON for scripts instead of text")]
    readonly bool Json = false;

    [Parameter("MigrationBaseline: the last script version the existing database already has, e.g. 2")]
    readonly string? BaselineVersion = null;

    Target MigrationBaseline => _ => _
        .Description("For a database that existed before Runway: records the scripts up to --baseline-version as applied, without running them")
        .Requires(() => BaselineVersion)
        .Executes(async token =>
        {
            var services = await ServicesAsync(token);
            var result = await services.Phases.DatabaseSteps().BaselineAsync(services.Topology.DatabaseConnectionString, BaselineVersion!, token);
            Logger.Information("Baselined {Count} script(s) up to version {Version}", result.Applied.Count, BaselineVersion);
        });

    Target Status => _ => _
        .Description("Shows the environment: pools, weights, the URL users reach, the latest deployment and its phases (--json)")
        .Executes(async token =>
        {
            // A read starts nothing: a stopped local cluster is reported as such, not started to be looked at.
            var status = await LocalClusterStoppedAsync(token)
                ? StatusReport.NotRunning(Environment)
                : await StatusReport.ReadAsync(await ServicesAsync(token), token);
            Console.Out.Write(Json ? StatusReport.Json(status) + "\n" : StatusReport.Text(status));
        });

    Target Down => _ => _
        .Description("Stops what Runway started: locally replicas, routers, the PostgreSQL cluster (refused while a run holds the environment; --force for an orphaned one); with commands, nothing")
        .Executes(async token =>
        {
            // A stopped cluster stays stopped: Down stops the processes the state files record and starts nothing.
            if (await LocalClusterStoppedAsync(token))
            {
                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
                await Runway.Environments.Local.LocalTopology.DownWithoutClusterAsync(Settings, http, Logger, token);
                return;
            }
            await (await ServicesAsync(token)).Phases.Shutdown(Force).RunAsync(token);
        });

    async Task<bool> LocalClusterStoppedAsync(CancellationToken token) =>
        Commands is null && Blank(LedgerConnectionString) is null
        && !await Runway.Environments.Local.LocalTopology.Cluster(Settings, Logger).IsRunningAsync(token);

    Target Backup => _ => _
        .Description("Takes a verified backup of the environment's database, uploads it to --backup-repository, and records it in the ledger")
        .Executes(async token =>
        {
            var stored = await (await ServicesAsync(token)).Phases.DatabaseSteps().TakeBackupAsync(null, token);
            var backup = stored.Backup;
            Logger.Information("Backup {BackupId}: {File}, {Bytes} bytes, SHA-256 {Sha256}, verified{Location}", stored.Id, backup.File, backup.SizeBytes, backup.Sha256,
                backup.Location is null ? "" : $", uploaded to {backup.Location}");
        });

    Target RestoreDrill => _ => _
        .Description("Checks the latest backup against the ledger (size, SHA-256), restores it into a scratch database, compares row counts, drops it")
        .Executes(async token =>
        {
            var services = await ServicesAsync(token);
            var drill = await services.Phases.DatabaseSteps().DrillLatestAsync(token);
            if (!drill.Succeeded) throw new InvalidOperationException($"The restore drill failed: {string.Join("; ", drill.Problems)}");
            Logger.Information("Restore drill of {File}: {Tables} tables, {Rows} rows restored in {Seconds:0.00} s, row counts match",
                Path.GetFileName(drill.Backup.File), drill.RestoredCounts.Count, drill.RestoredCounts.Values.Sum(), drill.RestoreDuration.TotalSeconds);
        });

    Target VerifyLedger => _ => _
        .Description("Walks the ledger's hash chain from the first event and reports the first broken link")
        .Executes(async token =>
        {
            var chain = await (await ServicesAsync(token)).Events.VerifyChainAsync(token);
            if (!chain.IsValid)
                throw new InvalidOperationException(
                    $"The ledger's hash chain is broken at event {chain.BrokenEventId}: {chain.Problem}. {chain.EventsChecked} events checked; " +
                    "the events before it are intact. Find who changed runway.events (the table refuses UPDATE and DELETE unless triggers were disabled).");
            Logger.Information("Ledger hash chain intact: {Events} events verified, each linked to the one before and matching its contents", chain.EventsChecked);
        });

    async Task PlanRollbackAsync(CancellationToken token)
    {
        var services = await ServicesAsync(token);
        var deployment = await services.Deployments.GetLatestInEnvironmentAsync(Environment, token)
            ?? throw new InvalidOperationException($"Nothing to roll back in {Environment}: the ledger holds no deployment there.");
        var procedure = services.Phases.Rollback();
        var plan = await procedure.PlanAsync(deployment, token);
        Logger.Information("Rollback of deployment {DeploymentId} ({Release} → {Previous}) would take back:", deployment.Id, deployment.Release, deployment.PreviousRelease ?? "nothing");
        foreach (var step in plan.Steps) Logger.Information("  {Step}", step.ToString());
        if (plan.Steps.Count == 0) Logger.Information("  no migration ran in this deployment: the database stays as it is");
        if (plan.NeedsRestore) Logger.Information("{Forecast}", await procedure.ForecastAsync(deployment, token));
    }

    async Task PlanMigrationsAsync(CancellationToken token)
    {
        var services = await ServicesAsync(token);
        var plan = await services.Phases.DatabaseSteps().PlanAsync(services.Topology.DatabaseConnectionString, token);
        foreach (var problem in plan.Problems) Logger.Error("{Problem}", problem);
        foreach (var planned in plan.Scripts) Logger.Information("Would run {Script} ({Reason})", planned.Script.FileName, planned.Reason);
        if (plan.Scripts.Count == 0 && plan.Problems.Count == 0) Logger.Information("Nothing to migrate: the database is up to date");
        if (plan.Problems.Count > 0) throw new InvalidOperationException("The migrations cannot run as they are; see the problems above.");
    }
}
