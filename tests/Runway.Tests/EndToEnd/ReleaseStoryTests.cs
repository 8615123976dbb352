using System.Text.Json.Nodes;
using Runway.Tests.EndToEnd.Support;
using Shouldly;
using Xunit;

namespace Runway.Tests.EndToEnd;

/// <summary>
/// The release story through <c>./build.sh</c>, as a release engineer and on-call live it: a first release, a good
/// one with a passing canary, a bad one whose canary fails and is rolled back automatically, and a fully rolled-out
/// release with a migration that on-call rolls back, database included.
/// </summary>
[Collection(EndToEndCollections.Releases)]
public sealed class ReleaseStoryTests : IAsyncLifetime
{
    private const string OwnerColumnQuery =
        "SELECT count(*) FROM information_schema.columns WHERE table_name = 'orchestrations' AND column_name = 'owner'";

    private AdoptingRepository _repository = null!;

    public async Task InitializeAsync() => _repository = await AdoptingRepository.CreateAsync("release-story");

    public async Task DisposeAsync() => await _repository.DisposeAsync();

    [Fact]
    public async Task DeployCanaryFailRollback_AsOnCallWouldSeeIt()
    {
        await FirstRelease_DeploysAndServesEverything();
        await SecondRelease_PassesItsCanaryAndServesEverything();
        await OlderRelease_WithoutAllowDowngrade_IsRefusedBeforeAnythingChanges();
        await FailingRelease_FailsItsCanaryAndIsRolledBackAutomatically();
        await LiveRelease_DeployedAgain_IsANoOp();
        await MigratedRelease_RolledBackByOnCall_RestoresTheDatabaseAndKeepsASafetyDump();
        await BadRelease_AfterDown_IsJudgedAgainstTheRestoredPreviousRelease();
    }

    private async Task FirstRelease_DeploysAndServesEverything()
    {
        (await _repository.RunAsync("Deploy")).ShouldSucceed("(a) Deploy 1.0.0")
            .ShouldSay("Deploying 1.0.0 (Version in .nuke/parameters.local.json)", "(a) a run with no version named says what it deploys")
            .ShouldSay("Applied V1__create_orchestrations.sql", "(a) Deploy 1.0.0")
            .ShouldSay("no baseline: judged against absolute limits: error rate", "(a) a first deployment is judged against absolute limits")
            .ShouldSay("Checklist item canary-analysis-passed waived by Canary", "(a) the statistical check did not run: never marked done");

        var status = await _repository.StatusAsync();
        ShouldServeOnly(status, "1.0.0", "(a)");
        Deployment(status)["state"]!.GetValue<string>().ShouldBe("Succeeded");
        (await ReleasesSeenThroughRouterAsync()).ShouldBe(["1.0.0"], "(a) every answer through the router comes from 1.0.0");
    }

    private async Task SecondRelease_PassesItsCanaryAndServesEverything()
    {
        // The story of a good release through every phase, with the default judge; its own rates are measured in bench/canary.
        (await _repository.RunAsync("Deploy", "--version", "1.1.0")).ShouldSucceed("(b) Deploy 1.1.0")
            .ShouldSay("Canary bake ended Pass", "(b) Deploy 1.1.0")
            .ShouldSay("Checklist item canary-analysis-passed done by Canary", "(b) Deploy 1.1.0");

        var status = await _repository.StatusAsync();
        ShouldServeOnly(status, "1.1.0", "(b)");
        Deployment(status)["state"]!.GetValue<string>().ShouldBe("Succeeded");
        Deployment(status)["previousRelease"]!.GetValue<string>().ShouldBe("1.0.0");
        (await ReleasesSeenThroughRouterAsync()).ShouldBe(["1.1.0"], "(b) every answer through the router comes from 1.1.0");
    }

    // .nuke/parameters.local.json pins 1.0.0: a plain Deploy with 1.1.0 live would be a silent downgrade.
    private async Task OlderRelease_WithoutAllowDowngrade_IsRefusedBeforeAnythingChanges()
    {
        (await _repository.RunAsync("Deploy")).ShouldFail("(b2) Deploy of the pinned 1.0.0 with 1.1.0 live")
            .ShouldSay("Deploying 1.0.0 (Version in .nuke/parameters.local.json)", "(b2)")
            .ShouldSay("is older than the live release 1.1.0 in local: deploying it would be a downgrade", "(b2)")
            .ShouldSay("--allow-downgrade", "(b2)");

        var status = await _repository.StatusAsync();
        ShouldServeOnly(status, "1.1.0", "(b2)");
        Deployment(status)["release"]!.GetValue<string>().ShouldBe("1.1.0", "(b2) no deployment of 1.0.0 was started");
    }

    // After 1.2.0 was rolled back, 1.1.0 is live again: deploying it must change nothing (it used to start a
    // deployment whose baseline was itself, and break the weights).
    private async Task LiveRelease_DeployedAgain_IsANoOp()
    {
        (await _repository.RunAsync("Deploy", "--version", "1.1.0")).ShouldSucceed("(c2) Deploy of the live 1.1.0")
            .ShouldSay("1.1.0 is already the live release in local", "(c2)");

        var status = await _repository.StatusAsync();
        ShouldServeOnly(status, "1.1.0", "(c2)");
        Deployment(status)["release"]!.GetValue<string>().ShouldBe("1.2.0", "(c2) no new deployment was started");
        (await ReleasesSeenThroughRouterAsync()).ShouldBe(["1.1.0"], "(c2) the weights are untouched");
    }

    private async Task FailingRelease_FailsItsCanaryAndIsRolledBackAutomatically()
    {
        var run = await _repository.RunAsync("Deploy", "--version", "1.2.0", "--sample-error-rate", "0.2");

        run.ShouldFail("(c) Deploy 1.2.0 erring on purpose")
            .ShouldSay("The canary of 1.2.0 failed its analysis: Canary error rate", "(c)")
            .ShouldSay("Canary bake ended Fail", "(c)");
        // The local bake (5 looks of 4 s) catches a 20 % error rate within two intervals despite its sequential boundary.
        run.Output.ShouldNotContain("Canary bake look 3/5", customMessage: "(c) caught at look 1 or 2");
        run.Output.ShouldContain("canary.html", customMessage: "(c) the bake's charts are written next to the reports");
        run.ShouldSay("Rolling back deployment", "(c)")
            .ShouldSay("Rolling back deployment", "(c)")
            .ShouldSay("Removed pool 1.2.0 from local", "(c)");
        var status = await _repository.StatusAsync();
        ShouldServeOnly(status, "1.1.0", "(c)");
        Deployment(status)["release"]!.GetValue<string>().ShouldBe("1.2.0");
        Deployment(status)["state"]!.GetValue<string>().ShouldBe("RolledBack");
        Deployment(status)["failureReason"]!.GetValue<string>().ShouldContain("Canary failed");
        (await ReleasesSeenThroughRouterAsync()).ShouldBe(["1.1.0"], "(c) after the automatic rollback every answer comes from 1.1.0");
    }

    private async Task MigratedRelease_RolledBackByOnCall_RestoresTheDatabaseAndKeepsASafetyDump()
    {
        await _repository.AddAndCommitAsync($"{AdoptingRepository.MigrationsDirectory}/V3__add_owner_column.sql",
            "ALTER TABLE orchestrations ADD COLUMN owner text;\n", "Orchestrations get an owner");
        (await _repository.RunAsync("Deploy", "--version", "1.2.0")).ShouldSucceed("(d) Deploy 1.2.0 with migration V3")
            .ShouldSay("Applied V3__add_owner_column.sql", "(d) Deploy 1.2.0");
        ShouldServeOnly(await _repository.StatusAsync(), "1.2.0", "(d) before the rollback");
        (await AdoptingRepository.QueryAsync<long>(_repository.SampleDatabase, OwnerColumnQuery)).ShouldBe(1L, "(d) V3 added the owner column");

        // V3 has no undo script and Validation wrote rows since the backup: a restore would lose them, so it waits for a decision.
        (await _repository.RunAsync("Rollback")).ShouldFail("(d) Rollback without --restore-database")
            .ShouldSay("A restore of sample_local would lose", "(d) the forecast names what would be lost")
            .ShouldSay("public.orchestrations:", "(d) per table")
            .ShouldSay("--restore-database", "(d) and the command that decides");
        (await AdoptingRepository.QueryAsync<long>(_repository.SampleDatabase, OwnerColumnQuery)).ShouldBe(1L, "(d) the database is left as it is");
        ShouldServeOnly(await _repository.StatusAsync(), "1.1.0", "(d) traffic is back on the previous release all the same");

        await RestoreKilledAtEachPoint_NeverLeavesTheLiveNameEmpty();
        (await _repository.RunAsync("Rollback", "--restore-database")).ShouldSucceed("(d) Rollback --restore-database")
            .ShouldSay("rolled back: 1.1.0 serves local", "(d) Rollback");
        await EverySafetyDump_HoldsTheDataThatWasLive();

        (await AdoptingRepository.QueryAsync<long>(_repository.SampleDatabase, OwnerColumnQuery)).ShouldBe(0L, "(d) the restore removed the owner column");
        (await AdoptingRepository.QueryAsync<long>(_repository.LedgerDatabase,
            "SELECT count(*) FROM runway.steps WHERE name = 'database-restored' AND status = 'Succeeded' AND (evidence -> 'forecast' ->> 'rows')::bigint > 0"))
            .ShouldBe(1L, "(d) the ledger records the restore with the writes it lost");
        var status = await _repository.StatusAsync();
        ShouldServeOnly(status, "1.1.0", "(d) after the rollback");
        Deployment(status)["state"]!.GetValue<string>().ShouldBe("RolledBack");
        (await ReleasesSeenThroughRouterAsync()).ShouldBe(["1.1.0"], "(d) after the rollback every answer comes from 1.1.0");
        Directory.GetFiles(Path.Combine(_repository.TemporaryDirectory, "backups"), "*.safety.dump", SearchOption.AllDirectories)
            .ShouldNotBeEmpty("(d) the rollback keeps a safety dump of the database it replaced");
    }

    // SIGKILL (test-only RUNWAY_TEST_KILL_RESTORE_AT) with the live data under another name, after the safety dump,
    // and after the swap; each rerun first repairs what the last one left, from the ledger's journal.
    private async Task RestoreKilledAtEachPoint_NeverLeavesTheLiveNameEmpty()
    {
        foreach (var point in new[] { "live-moved", "safety-dumped-recorded", "swapped" })
        {
            (await _repository.RunWithEnvironmentAsync(new Dictionary<string, string> { ["RUNWAY_TEST_KILL_RESTORE_AT"] = point }, "Rollback", "--restore-database"))
                .ShouldFail($"(d) Rollback killed at {point}").ShouldSay($"killing the process at {point}", "(d)");
            (await AdoptingRepository.QueryAsync<long>(_repository.LedgerDatabase,
                "SELECT count(*) FROM runway.restores WHERE stage NOT IN ('Done', 'Reverted')")).ShouldBe(1L, $"(d) the ledger knows the swap killed at {point}");
        }
    }

    private async Task EverySafetyDump_HoldsTheDataThatWasLive()
    {
        (await AdoptingRepository.QueryAsync<long>(_repository.LedgerDatabase,
            "SELECT count(*) FROM runway.restores WHERE stage NOT IN ('Done', 'Reverted')")).ShouldBe(0L, "(d) every interrupted swap was completed or reverted");
        var dumps = await AdoptingRepository.QueryAsync<string>(_repository.LedgerDatabase,
            "SELECT string_agg(file, '|') FROM runway.backups WHERE file LIKE '%.safety.dump'");
        foreach (var dump in dumps!.Split('|'))
        {
            var schema = await Runway.Processes.ProcessRunner.RunAsync(new Runway.Processes.ProcessSpec("pg_restore", ["--schema-only", "--file=-", dump]));
            schema.StandardOutput.ShouldContain("owner text", customMessage: $"(d) {dump} holds the live schema of 1.2.0, not an empty database");
        }
    }

    // Down stops every process but the ledger remembers 1.1.0 as live: its pool comes back first, so the bad canary
    // is judged against it, takes no more than its weight, fails, and is rolled back.
    private async Task BadRelease_AfterDown_IsJudgedAgainstTheRestoredPreviousRelease()
    {
        (await _repository.RunAsync("Down")).ShouldSucceed("(e) Down");

        (await _repository.RunAsync("Deploy", "--version", "1.3.0", "--sample-error-rate", "0.3")).ShouldFail("(e) Deploy 1.3.0 after Down, erring")
            .ShouldSay("The previous release 1.1.0 is recorded as live in local but does not run: restoring its pool", "(e)")
            .ShouldSay("Canary bake of 1.3.0 against 1.1.0 started", "(e)")
            .ShouldSay("The canary of 1.3.0 failed its analysis", "(e)")
            .ShouldSay("Removed pool 1.3.0 from local", "(e)");

        var status = await _repository.StatusAsync();
        ShouldServeOnly(status, "1.1.0", "(e)");
        Deployment(status)["state"]!.GetValue<string>().ShouldBe("RolledBack");
        (await ReleasesSeenThroughRouterAsync()).ShouldBe(["1.1.0"], "(e) after the rollback every answer comes from the restored 1.1.0");
    }

    private async Task<string?[]> ReleasesSeenThroughRouterAsync()
    {
        var answers = await _repository.AskRouterAsync(40);
        answers.ShouldAllBe(a => a.Status == 200);
        return answers.Select(a => a.Release).Distinct().ToArray();
    }

    private static void ShouldServeOnly(JsonObject status, string release, string step)
    {
        var pools = status["pools"]!.AsArray().Select(p => $"{p!["release"]}={p["weight"]}").ToArray();
        pools.ShouldBe([$"{release}=100"], $"{step}: only {release} should run, with all traffic");
    }

    private static JsonObject Deployment(JsonObject status) => status["deployment"]!.AsObject();
}
