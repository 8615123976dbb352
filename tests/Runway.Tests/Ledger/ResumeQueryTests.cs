using System.Text.Json.Nodes;
using Runway.Ledger;
using Runway.Testing;
using Shouldly;
using Xunit;

namespace Runway.Tests.Ledger;

[Collection("postgres")]
public sealed class ResumeQueryTests(PostgresServer server)
{
    [Fact]
    public async Task GetActiveDeploymentAsync_RunningThenFinished_FindsItOnlyWhileRunning()
    {
        await using var ledger = await TestLedger.CreateAsync(server);
        var deployment = await ledger.StartAsync("production", "1.0.0");

        (await ledger.Deployments.GetActiveDeploymentAsync("production"))!.Id.ShouldBe(deployment.Id);
        (await ledger.Deployments.GetActiveDeploymentAsync("staging")).ShouldBeNull();

        await ledger.Deployments.FinishDeploymentAsync(deployment.Id, DeploymentState.Succeeded);
        (await ledger.Deployments.GetActiveDeploymentAsync("production")).ShouldBeNull();
    }

    [Fact]
    public async Task GetLatestDeploymentAsync_SeveralOfTheRelease_ReturnsTheNewest()
    {
        await using var ledger = await TestLedger.CreateAsync(server);
        await ledger.RunAsync("production", "1.0.0", DeploymentState.Failed);
        var newest = await ledger.RunAsync("production", "1.0.0", DeploymentState.Succeeded);
        await ledger.RunAsync("production", "1.1.0", DeploymentState.Failed);

        var latest = await ledger.Deployments.GetLatestDeploymentAsync("production", "1.0.0");

        latest!.Id.ShouldBe(newest.Id);
        (await ledger.Deployments.GetLatestDeploymentAsync("production", "9.9.9")).ShouldBeNull();
    }

    [Fact]
    public async Task GetLastSucceededDeploymentAsync_AfterALaterFailure_ReturnsTheSucceededOne()
    {
        await using var ledger = await TestLedger.CreateAsync(server);
        await ledger.RunAsync("production", "1.0.0", DeploymentState.Succeeded);
        var last = await ledger.RunAsync("production", "1.1.0", DeploymentState.Succeeded);
        await ledger.RunAsync("production", "1.2.0", DeploymentState.Failed);
        await ledger.RunAsync("staging", "1.3.0", DeploymentState.Succeeded);

        var found = await ledger.Deployments.GetLastSucceededDeploymentAsync("production");

        found!.Id.ShouldBe(last.Id);
        found.Release.ShouldBe("1.1.0");
    }

    [Fact]
    public async Task FindCompletedPhaseAsync_SucceededInAnEarlierFailedRun_ReturnsThatDeployment()
    {
        await using var ledger = await TestLedger.CreateAsync(server);
        var failed = await ledger.RunAsync("production", "2.0.0", DeploymentState.Failed, "Preparation", "Canary");

        var completedIn = await ledger.Deployments.FindCompletedPhaseAsync("production", "2.0.0", "Canary");

        completedIn.ShouldBe(failed.Id);
        (await ledger.Deployments.FindCompletedPhaseAsync("production", "2.0.0", "Rollout50")).ShouldBeNull();
        (await ledger.Deployments.FindCompletedPhaseAsync("staging", "2.0.0", "Canary")).ShouldBeNull();
    }

    [Fact]
    public async Task FindCompletedPhaseAsync_InARolledBackDeployment_ReturnsNull()
    {
        await using var ledger = await TestLedger.CreateAsync(server);
        await ledger.RunAsync("production", "2.0.0", DeploymentState.RolledBack, "Canary");

        (await ledger.Deployments.FindCompletedPhaseAsync("production", "2.0.0", "Canary")).ShouldBeNull();
    }

    [Fact]
    public async Task FindCompletedPhaseAsync_AnotherReleaseDeployedSince_ReturnsNull()
    {
        await using var ledger = await TestLedger.CreateAsync(server);
        await ledger.RunAsync("production", "2.0.0", DeploymentState.Failed, "Canary");
        await ledger.RunAsync("production", "2.0.1", DeploymentState.Succeeded, "Canary");

        (await ledger.Deployments.FindCompletedPhaseAsync("production", "2.0.0", "Canary")).ShouldBeNull();
    }

    [Fact]
    public async Task FindCompletedStepAsync_SucceededAndFailedSteps_FindsOnlyTheSucceededWithEvidence()
    {
        await using var ledger = await TestLedger.CreateAsync(server);
        var deployment = await ledger.StartAsync();
        await ledger.Deployments.StartPhaseAsync(deployment.Id, "Migration");
        await ledger.Deployments.StartStepAsync(deployment.Id, "Migration", "backup");
        await ledger.Deployments.FinishStepAsync(deployment.Id, "Migration", "backup", WorkStatus.Succeeded, evidence: new JsonObject { ["sha256"] = "ab12" });
        await ledger.Deployments.StartStepAsync(deployment.Id, "Migration", "migrate");
        await ledger.Deployments.FinishStepAsync(deployment.Id, "Migration", "migrate", WorkStatus.Failed, "V3 failed");

        var backup = await ledger.Deployments.FindCompletedStepAsync(deployment.Id, "Migration", "backup");
        var migrate = await ledger.Deployments.FindCompletedStepAsync(deployment.Id, "Migration", "migrate");

        backup!.Evidence!["sha256"]!.GetValue<string>().ShouldBe("ab12");
        migrate.ShouldBeNull();
    }

    [Fact]
    public async Task StartStepAsync_AfterTheStepSucceeded_IsRefusedSoItIsSkipped()
    {
        await using var ledger = await TestLedger.CreateAsync(server);
        var deployment = await ledger.StartAsync();
        await ledger.Deployments.StartPhaseAsync(deployment.Id, "Migration");
        await ledger.Deployments.StartStepAsync(deployment.Id, "Migration", "backup");
        await ledger.Deployments.FinishStepAsync(deployment.Id, "Migration", "backup", WorkStatus.Succeeded);
        await ledger.Deployments.FinishPhaseAsync(deployment.Id, "Migration", WorkStatus.Failed, "crash");
        await ledger.Deployments.StartPhaseAsync(deployment.Id, "Migration");

        await Should.ThrowAsync<InvalidOperationException>(() => ledger.Deployments.StartStepAsync(deployment.Id, "Migration", "backup"));
        (await ledger.Deployments.FindCompletedStepAsync(deployment.Id, "Migration", "backup")).ShouldNotBeNull();
    }
}
