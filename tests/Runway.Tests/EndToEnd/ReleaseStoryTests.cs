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
[Collection("end-to-end")]
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
        await FailingRelease_FailsItsCanaryAndIsRolledBackAutomatically();
        await MigratedRelease_RolledBackByOnCall_RestoresTheDatabaseAndKeepsASafetyDump();
        await NextRelease_AfterDown_DeploysWithoutABaselineToCompare();
    }

    private async Task FirstRelease_DeploysAndServesEverything()
    {
        (await _repository.RunAsync("Deploy")).ShouldSucceed("(a) Deploy 1.0.0")
            .ShouldSay("Applied V1__create_orchestrations.sql", "(a) Deploy 1.0.0");

        var status = await _repository.StatusAsync();
        ShouldServeOnly(status, "1.0.0", "(a)");
        Deployment(status)["state"]!.GetValue<string>().ShouldBe("Succeeded");
        (await ReleasesSeenThroughRouterAsync()).ShouldBe(["1.0.0"], "(a) every answer through the router comes from 1.0.0");
    }

    private async Task SecondRelease_PassesItsCanaryAndServesEverything()
    {
        (await _repository.RunAsync("Deploy", "--version", "1.1.0")).ShouldSucceed("(b) Deploy 1.1.0")
            .ShouldSay("Canary bake ended Pass", "(b) Deploy 1.1.0")
            .ShouldSay("Checklist item canary-analysis-passed done by Canary", "(b) Deploy 1.1.0");

        var status = await _repository.StatusAsync();
        ShouldServeOnly(status, "1.1.0", "(b)");
        Deployment(status)["state"]!.GetValue<string>().ShouldBe("Succeeded");
        Deployment(status)["previousRelease"]!.GetValue<string>().ShouldBe("1.0.0");
        (await ReleasesSeenThroughRouterAsync()).ShouldBe(["1.1.0"], "(b) every answer through the router comes from 1.1.0");
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
        await _repository.AddAndCommitAsync("deploy/migrations/V3__add_owner_column.sql",
            "ALTER TABLE orchestrations ADD COLUMN owner text;\n", "Orchestrations get an owner");
        (await _repository.RunAsync("Deploy", "--version", "1.2.0")).ShouldSucceed("(d) Deploy 1.2.0 with migration V3")
            .ShouldSay("Applied V3__add_owner_column.sql", "(d) Deploy 1.2.0");
        ShouldServeOnly(await _repository.StatusAsync(), "1.2.0", "(d) before the rollback");
        (await AdoptingRepository.QueryAsync<long>(_repository.SampleDatabase, OwnerColumnQuery)).ShouldBe(1L, "(d) V3 added the owner column");

        (await _repository.RunAsync("Rollback")).ShouldSucceed("(d) Rollback")
            .ShouldSay("rolled back: 1.1.0 serves local", "(d) Rollback");

        (await AdoptingRepository.QueryAsync<long>(_repository.SampleDatabase, OwnerColumnQuery)).ShouldBe(0L, "(d) the restore removed the owner column");
        var status = await _repository.StatusAsync();
        ShouldServeOnly(status, "1.1.0", "(d) after the rollback");
        Deployment(status)["state"]!.GetValue<string>().ShouldBe("RolledBack");
        (await ReleasesSeenThroughRouterAsync()).ShouldBe(["1.1.0"], "(d) after the rollback every answer comes from 1.1.0");
        Directory.GetFiles(Path.Combine(_repository.TemporaryDirectory, "backups"), "*.safety.dump", SearchOption.AllDirectories)
            .ShouldNotBeEmpty("(d) the rollback keeps a safety dump of the database it replaced");
    }

    // Down stops every process but the ledger remembers 1.1.0: the canary has no running baseline, says so, and
    // carries all traffic, as on a first deployment.
    private async Task NextRelease_AfterDown_DeploysWithoutABaselineToCompare()
    {
        (await _repository.RunAsync("Down")).ShouldSucceed("(e) Down");

        (await _repository.RunAsync("Deploy", "--version", "1.3.0")).ShouldSucceed("(e) Deploy 1.3.0 after Down")
            .ShouldSay("No canary analysis: the previous release 1.1.0 does not run in local", "(e)");

        var status = await _repository.StatusAsync();
        ShouldServeOnly(status, "1.3.0", "(e)");
        Deployment(status)["previousRelease"]!.GetValue<string>().ShouldBe("1.1.0");
        (await ReleasesSeenThroughRouterAsync()).ShouldBe(["1.3.0"]);
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
