using Runway.Database.Backups;
using Runway.Ledger;
using Runway.Testing;
using Shouldly;
using Xunit;

namespace Runway.Tests.Ledger;

[Collection("postgres")]
public sealed class BackupLedgerTests(PostgresServer server)
{
    private static BackupRecord Backup(string file) => new(
        file, 4096, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", TimeSpan.FromMilliseconds(1500),
        "sample", "15.6", new DateTimeOffset(2026, 1, 1, 11, 0, 0, TimeSpan.Zero), Verified: true);

    [Fact]
    public async Task RecordAsync_BackupOfADeployment_RoundTrips()
    {
        await using var ledger = await TestLedger.CreateAsync(server);
        var deployment = await ledger.StartAsync();

        var stored = await ledger.Backups.RecordAsync(deployment.Id, Backup("/backups/a.dump"));

        var read = await ledger.Backups.GetForDeploymentAsync(deployment.Id);
        read.ShouldBe([stored]);
        stored.Backup.ShouldBe(Backup("/backups/a.dump"));
        stored.DeletedByRetention.ShouldBeFalse();
    }

    [Fact]
    public async Task GetProtectedAsync_MixedDeployments_KeepsRunningFailedAndLastSucceeded()
    {
        await using var ledger = await TestLedger.CreateAsync(server);
        var old = await BackedUpRunAsync(ledger, "production", "1.0.0", DeploymentState.Succeeded);
        var lastGood = await BackedUpRunAsync(ledger, "production", "1.1.0", DeploymentState.Succeeded);
        var rolledBack = await BackedUpRunAsync(ledger, "production", "1.2.0", DeploymentState.RolledBack);
        var stagingGood = await BackedUpRunAsync(ledger, "staging", "1.2.0", DeploymentState.Succeeded);
        var failed = await BackedUpRunAsync(ledger, "staging", "1.3.0", DeploymentState.Failed);
        var running = await ledger.StartAsync("production", "1.4.0");
        var runningBackup = await ledger.Backups.RecordAsync(running.Id, Backup("/backups/running.dump"));

        var protectedBackups = await ledger.Backups.GetProtectedAsync();

        protectedBackups.Select(b => b.Id).ShouldBe([lastGood.Id, stagingGood.Id, failed.Id, runningBackup.Id]);
        (await ledger.Backups.GetLiveAsync()).Select(b => b.Id).ShouldBe([old.Id, lastGood.Id, rolledBack.Id, stagingGood.Id, failed.Id, runningBackup.Id]);
    }

    [Fact]
    public async Task MarkDeletedByRetentionAsync_UnprotectedBackup_IsFlaggedAndLeavesTheLiveSet()
    {
        await using var ledger = await TestLedger.CreateAsync(server);
        var old = await BackedUpRunAsync(ledger, "production", "1.0.0", DeploymentState.Succeeded);
        await BackedUpRunAsync(ledger, "production", "1.1.0", DeploymentState.Succeeded);

        var deleted = await ledger.Backups.MarkDeletedByRetentionAsync(old.Id);

        deleted.DeletedByRetention.ShouldBeTrue();
        (await ledger.Backups.GetLiveAsync()).ShouldNotContain(b => b.Id == old.Id);
        (await ledger.Events.ReadAsync()).Last().Type.ShouldBe(LedgerEventTypes.BackupDeleted);
    }

    [Fact]
    public async Task MarkDeletedByRetentionAsync_ProtectedBackup_IsRefused()
    {
        await using var ledger = await TestLedger.CreateAsync(server);
        var lastGood = await BackedUpRunAsync(ledger, "production", "1.0.0", DeploymentState.Succeeded);

        var error = await Should.ThrowAsync<InvalidOperationException>(() => ledger.Backups.MarkDeletedByRetentionAsync(lastGood.Id));

        error.Message.ShouldContain("protected");
        (await ledger.Backups.GetLiveAsync()).ShouldContain(b => b.Id == lastGood.Id);
    }

    private static async Task<StoredBackup> BackedUpRunAsync(TestLedger ledger, string environment, string release, DeploymentState state)
    {
        var deployment = await ledger.StartAsync(environment, release);
        var backup = await ledger.Backups.RecordAsync(deployment.Id, Backup($"/backups/{environment}-{release}.dump"));
        await ledger.Deployments.FinishDeploymentAsync(deployment.Id, state);
        return backup;
    }
}
