using System.Text.Json.Nodes;
using Runway.Ledger;
using Runway.Testing;
using Shouldly;
using Xunit;

namespace Runway.Tests.Ledger;

[Collection("postgres")]
public sealed class DeploymentLedgerTests(PostgresServer server)
{
    [Fact]
    public async Task StartDeploymentAsync_NewDeployment_RoundTripsAsRunning()
    {
        await using var ledger = await TestLedger.CreateAsync(server);

        var started = await ledger.StartAsync("production", "2.4.0");

        var read = await ledger.Deployments.GetDeploymentAsync(started.Id);
        read.ShouldBe(started);
        read!.State.ShouldBe(DeploymentState.Running);
        read.StartedBy.ShouldBe("alice");
        read.Host.ShouldBe("build-7");
        read.StartedAt.ShouldBe(new DateTimeOffset(2026, 1, 1, 12, 0, 1, TimeSpan.Zero));
        read.PreviousRelease.ShouldBeNull();
    }

    [Fact]
    public async Task StartDeploymentAsync_RecordsTheExactParameterValuesOfTheRun()
    {
        await using var ledger = await TestLedger.CreateAsync(server);
        var parameters = new Dictionary<string, string?> { ["BakeTime"] = "20 s", ["CanaryWeight"] = "10", ["ServiceToken"] = "*****", ["StartedBy"] = null };

        var started = await ledger.Deployments.StartDeploymentAsync(new DeploymentStart("production", "2.4.0", "alice", "build-7") { Parameters = parameters });

        var recorded = (await ledger.Events.ReadAsync()).Single(e => e.Type == LedgerEventTypes.DeploymentStarted && e.DeploymentId == started.Id);
        var values = recorded.Payload["parameters"]!.AsObject();
        values.Select(p => (p.Key, p.Value?.GetValue<string>())).ShouldBe(
            [("BakeTime", "20 s"), ("CanaryWeight", "10"), ("ServiceToken", "*****"), ("StartedBy", null)], ignoreOrder: true);
    }

    [Fact]
    public async Task StartDeploymentAsync_AfterASucceededRelease_RecordsItAsPreviousRelease()
    {
        await using var ledger = await TestLedger.CreateAsync(server);
        await ledger.RunAsync("production", "1.0.0", DeploymentState.Succeeded);
        await ledger.RunAsync("production", "1.1.0", DeploymentState.Failed);

        var next = await ledger.StartAsync("production", "1.2.0");

        next.PreviousRelease.ShouldBe("1.0.0");
    }

    [Fact]
    public async Task StartDeploymentAsync_WhileAnotherRunsInTheEnvironment_IsRefusedNamingIt()
    {
        await using var ledger = await TestLedger.CreateAsync(server);
        var running = await ledger.StartAsync("production", "1.0.0");
        await ledger.StartAsync("staging", "1.0.0");

        var error = await Should.ThrowAsync<InvalidOperationException>(() => ledger.StartAsync("production", "1.1.0"));

        error.Message.ShouldContain($"deployment {running.Id} of 1.0.0");
        error.Message.ShouldContain("Resume it");
    }

    [Fact]
    public async Task FinishDeploymentAsync_AnEndedDeployment_IsRefused()
    {
        await using var ledger = await TestLedger.CreateAsync(server);
        var deployment = await ledger.RunAsync("production", "1.0.0", DeploymentState.Succeeded);

        var error = await Should.ThrowAsync<InvalidOperationException>(
            () => ledger.Deployments.FinishDeploymentAsync(deployment.Id, DeploymentState.Aborted));

        error.Message.ShouldContain("already ended");
    }

    [Fact]
    public async Task FinishDeploymentAsync_FailedThenRolledBack_IsAccepted()
    {
        await using var ledger = await TestLedger.CreateAsync(server);
        var failed = await ledger.RunAsync("production", "1.0.0", DeploymentState.Failed);

        var rolledBack = await ledger.Deployments.FinishDeploymentAsync(failed.Id, DeploymentState.RolledBack, "canary error rate 12%");

        rolledBack.State.ShouldBe(DeploymentState.RolledBack);
        rolledBack.FailureReason.ShouldBe("canary error rate 12%");
        rolledBack.EndedAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task FinishDeploymentAsync_SucceededThenRolledBackByOnCall_IsAccepted()
    {
        await using var ledger = await TestLedger.CreateAsync(server);
        var succeeded = await ledger.RunAsync("production", "1.0.0", DeploymentState.Succeeded);

        var rolledBack = await ledger.Deployments.FinishDeploymentAsync(succeeded.Id, DeploymentState.RolledBack, "requested by on-call");

        rolledBack.State.ShouldBe(DeploymentState.RolledBack);
    }

    [Fact]
    public async Task FinishDeploymentAsync_RolledBackAgain_IsRefused()
    {
        await using var ledger = await TestLedger.CreateAsync(server);
        var rolledBack = await ledger.RunAsync("production", "1.0.0", DeploymentState.RolledBack);

        var error = await Should.ThrowAsync<InvalidOperationException>(
            () => ledger.Deployments.FinishDeploymentAsync(rolledBack.Id, DeploymentState.RolledBack));

        error.Message.ShouldContain("already ended");
    }

    [Fact]
    public async Task PhasesAndSteps_RecordedThroughARun_ReadBackInOrderWithEvidence()
    {
        await using var ledger = await TestLedger.CreateAsync(server);
        var deployment = await ledger.StartAsync();
        var evidence = new JsonObject { ["file"] = "backup.dump", ["sizeBytes"] = 1234, ["checks"] = new JsonArray("sha256", "pg_restore -l") };

        await ledger.Deployments.StartPhaseAsync(deployment.Id, "Preparation");
        await ledger.Deployments.StartStepAsync(deployment.Id, "Preparation", "backup");
        await ledger.Deployments.FinishStepAsync(deployment.Id, "Preparation", "backup", WorkStatus.Succeeded, evidence: evidence);
        await ledger.Deployments.StartStepAsync(deployment.Id, "Preparation", "staging-smoke");
        await ledger.Deployments.FinishStepAsync(deployment.Id, "Preparation", "staging-smoke", WorkStatus.Failed, "HTTP 503 from /health/ready");
        await ledger.Deployments.FinishPhaseAsync(deployment.Id, "Preparation", WorkStatus.Failed, "staging smoke failed");
        await ledger.Deployments.StartPhaseAsync(deployment.Id, "Canary");

        var phases = await ledger.Deployments.GetPhasesAsync(deployment.Id);
        phases.Select(p => (p.Name, p.Status)).ShouldBe([("Preparation", WorkStatus.Failed), ("Canary", WorkStatus.Running)]);
        phases[0].Error.ShouldBe("staging smoke failed");
        phases[0].EndedAt.ShouldNotBeNull();
        var steps = await ledger.Deployments.GetStepsAsync(deployment.Id);
        steps.Select(s => (s.Phase, s.Name, s.Status)).ShouldBe([("Preparation", "backup", WorkStatus.Succeeded), ("Preparation", "staging-smoke", WorkStatus.Failed)]);
        JsonNode.DeepEquals(steps[0].Evidence, evidence).ShouldBeTrue();
        steps[1].Error.ShouldBe("HTTP 503 from /health/ready");
    }

    [Fact]
    public async Task StartPhaseAsync_AfterTheSamePhaseFailed_RestartsIt()
    {
        await using var ledger = await TestLedger.CreateAsync(server);
        var deployment = await ledger.StartAsync();
        await ledger.Deployments.StartPhaseAsync(deployment.Id, "Canary");
        await ledger.Deployments.FinishPhaseAsync(deployment.Id, "Canary", WorkStatus.Failed, "boom");

        var restarted = await ledger.Deployments.StartPhaseAsync(deployment.Id, "Canary");

        restarted.Status.ShouldBe(WorkStatus.Running);
        restarted.Error.ShouldBeNull();
        restarted.EndedAt.ShouldBeNull();
    }

    [Fact]
    public async Task StartPhaseAsync_AfterTheSamePhaseSucceeded_IsRefused()
    {
        await using var ledger = await TestLedger.CreateAsync(server);
        var deployment = await ledger.StartAsync();
        await ledger.Deployments.StartPhaseAsync(deployment.Id, "Canary");
        await ledger.Deployments.FinishPhaseAsync(deployment.Id, "Canary", WorkStatus.Succeeded);

        var error = await Should.ThrowAsync<InvalidOperationException>(() => ledger.Deployments.StartPhaseAsync(deployment.Id, "Canary"));

        error.Message.ShouldContain("already succeeded");
    }

    [Fact]
    public async Task StartStepAsync_InAPhaseNotStarted_IsRefused()
    {
        await using var ledger = await TestLedger.CreateAsync(server);
        var deployment = await ledger.StartAsync();

        var error = await Should.ThrowAsync<InvalidOperationException>(() => ledger.Deployments.StartStepAsync(deployment.Id, "Canary", "shift"));

        error.Message.ShouldContain("phase was not started");
    }

    [Fact]
    public async Task StartPhaseAsync_UnknownDeployment_SaysSo()
    {
        await using var ledger = await TestLedger.CreateAsync(server);

        var error = await Should.ThrowAsync<InvalidOperationException>(() => ledger.Deployments.StartPhaseAsync(999, "Canary"));

        error.Message.ShouldContain("Deployment 999 does not exist");
    }
}
