using System.Text.Json.Nodes;
using Runway.Checklists;
using Runway.Ledger;
using Runway.Phases;
using Runway.Testing;
using Serilog.Core;
using Shouldly;
using Xunit;

namespace Runway.Tests.Ledger;

/// <summary>A finished step and the checklist proofs it gives commit together, or not at all.</summary>
[Collection("postgres")]
public sealed class StepProofTests(PostgresServer server)
{
    private static readonly Checklist Checklist = ChecklistParser.Parse("""
        ## Prep
        - [ ] Backup verified <!-- runway: id=backup-verified phase=Preparation check=backup-verified -->
        """, "deploy/checklist.md");

    [Fact]
    public async Task RunAsync_ProofCannotBeRecorded_TheStepIsNotRecordedAsDoneEither()
    {
        await using var ledger = await TestLedger.CreateAsync(server);
        var deployment = await ledger.StartAsync();
        // The proof's insert fails, as a crash between the two writes would lose it.
        await ledger.ScalarAsync("""
            CREATE FUNCTION runway.fail_mark() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'mark refused'; END $$;
            CREATE TRIGGER fail_mark BEFORE INSERT ON runway.checklist_marks FOR EACH ROW EXECUTE FUNCTION runway.fail_mark();
            """);
        var runner = new PhaseRunner(ledger.Deployments, new DeploymentChecklist(Checklist, ledger.Marks, "production", TimeProvider.System, Logger.None), Logger.None);
        var step = new DeploymentStep("backup-verified", _ => Task.FromResult(StepOutcome.Of(new JsonObject { ["file"] = "b.dump" }, "backup-verified")));

        await Should.ThrowAsync<Exception>(() => runner.RunAsync(deployment, "Preparation", [step], CancellationToken.None));

        (await ledger.Deployments.FindCompletedStepAsync(deployment.Id, "Preparation", "backup-verified"))
            .ShouldBeNull("a step recorded as done without its proof would be skipped on resume and the proof lost for good");
    }

    [Fact]
    public async Task FinishStepAsync_ErrorAndEvidenceHoldingASecret_AreStoredMasked()
    {
        await using var ledger = await TestLedger.CreateAsync(server);
        var masked = new LedgerDatabase(ledger.DataSource, TimeProvider.System, Logger.None) { Masker = new SecretMasker(["Host=db;Password=hunter2-secret"]) };
        var deployments = new DeploymentLedger(masked);
        var deployment = await ledger.StartAsync();
        await deployments.StartPhaseAsync(deployment.Id, "Migration");
        await deployments.StartStepAsync(deployment.Id, "Migration", "migrations-applied");

        await deployments.FinishStepAsync(deployment.Id, "Migration", "migrations-applied", WorkStatus.Failed, "psql: password hunter2-secret refused",
            new JsonObject { ["stderr"] = "PGPASSWORD=hunter2-secret" });
        await deployments.FinishPhaseAsync(deployment.Id, "Migration", WorkStatus.Failed, "psql: password hunter2-secret refused");
        await deployments.FinishDeploymentAsync(deployment.Id, DeploymentState.Failed, "Migration: hunter2-secret");

        foreach (var table in new[] { "steps", "phases", "deployments", "events" })
            (await ledger.ScalarAsync($"SELECT count(*) FROM runway.{table} t WHERE t::text LIKE '%hunter2-secret%'")).ShouldBe(0L, table);
        (await ledger.ScalarAsync("SELECT error FROM runway.steps")).ShouldBe("psql: password ***** refused");
    }
}
