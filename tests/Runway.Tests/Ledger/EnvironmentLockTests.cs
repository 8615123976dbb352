using Npgsql;
using Runway.Ledger;
using Runway.Testing;
using Shouldly;
using Xunit;

namespace Runway.Tests.Ledger;

[Collection("postgres")]
public sealed class EnvironmentLockTests(PostgresServer server)
{
    private static readonly LockHolder Alice = new("alice", "build-7", 4242, "2.4.0");
    private static readonly LockHolder Bob = new("bob", "laptop-3", 777, "2.5.0");

    [Fact]
    public async Task AcquireAsync_WhileAnotherRunHoldsTheEnvironment_FailsAtOnceNamingTheHolder()
    {
        await using var ledger = await TestLedger.CreateAsync(server);
        await using var held = await EnvironmentLock.AcquireAsync(ledger.Database, "production", Alice);

        var error = await Should.ThrowAsync<EnvironmentLockedException>(() => EnvironmentLock.AcquireAsync(ledger.Database, "production", Bob));

        error.Holder!.Holder.ShouldBe(Alice);
        error.Holder.Since.ShouldBe(held.Holder.Since);
        error.Message.ShouldContain("alice on build-7 (pid 4242) deploying release 2.4.0 since 2026-01-01 12:00:");
        error.Message.ShouldContain("Wait for that run to finish");
    }

    [Fact]
    public async Task AcquireAsync_TwoRunsAtTheSameMoment_LetsExactlyOneIn()
    {
        await using var ledger = await TestLedger.CreateAsync(server);

        var attempts = await Task.WhenAll(new[] { Alice, Bob }.Select(holder => Task.Run(async () =>
        {
            try { return await EnvironmentLock.AcquireAsync(ledger.Database, "production", holder); }
            catch (EnvironmentLockedException) { return null; }
        })));

        var winner = attempts.Where(a => a is not null).ShouldHaveSingleItem()!;
        (await EnvironmentLock.GetHolderAsync(ledger.Database, "production"))!.Holder.ShouldBe(winner.Holder.Holder);
        await winner.DisposeAsync();
    }

    [Fact]
    public async Task AcquireAsync_OtherEnvironment_IsIndependent()
    {
        await using var ledger = await TestLedger.CreateAsync(server);
        await using var production = await EnvironmentLock.AcquireAsync(ledger.Database, "production", Alice);

        await using var staging = await EnvironmentLock.AcquireAsync(ledger.Database, "staging", Bob);

        staging.Holder.Environment.ShouldBe("staging");
    }

    [Fact]
    public async Task AcquireAsync_AfterTheHolderReleased_LetsTheNextRunIn()
    {
        await using var ledger = await TestLedger.CreateAsync(server);
        var first = await EnvironmentLock.AcquireAsync(ledger.Database, "production", Alice);
        await first.DisposeAsync();

        (await EnvironmentLock.GetHolderAsync(ledger.Database, "production")).ShouldBeNull();
        await using var second = await EnvironmentLock.AcquireAsync(ledger.Database, "production", Bob);

        (await EnvironmentLock.GetHolderAsync(ledger.Database, "production"))!.Holder.ShouldBe(Bob);
    }

    [Fact]
    public async Task AcquireAsync_AfterTheHolderCrashed_TakesOverAndReplacesTheStaleHolder()
    {
        await using var ledger = await TestLedger.CreateAsync(server);
        var crashed = await EnvironmentLock.AcquireAsync(ledger.Database, "production", Alice);
        var backend = (int)(await ledger.ScalarAsync("SELECT backend_pid FROM runway.environment_holders WHERE environment = $1", "production"))!;

        // The crash: the holder's connection dies without unlocking or removing its row.
        (await ledger.ScalarAsync("SELECT pg_terminate_backend($1)", backend)).ShouldBe(true);
        await WaitUntilGoneAsync(ledger, backend);
        await using var next = await EnvironmentLock.AcquireAsync(ledger.Database, "production", Bob);

        (await EnvironmentLock.GetHolderAsync(ledger.Database, "production"))!.Holder.ShouldBe(Bob);
        await Should.ThrowAsync<InvalidOperationException>(() => crashed.EnsureHeldAsync());
        await crashed.DisposeAsync();
        (await EnvironmentLock.GetHolderAsync(ledger.Database, "production"))!.Holder.ShouldBe(Bob);
    }

    [Fact]
    public async Task EnsureHeldAsync_WhileTheConnectionLives_Succeeds()
    {
        await using var ledger = await TestLedger.CreateAsync(server);
        await using var held = await EnvironmentLock.AcquireAsync(ledger.Database, "production", Alice);

        await held.EnsureHeldAsync();
    }

    [Fact]
    public async Task AcquireAsync_RecordsLockAndReleaseEvents()
    {
        await using var ledger = await TestLedger.CreateAsync(server);

        await (await EnvironmentLock.AcquireAsync(ledger.Database, "production", Alice)).DisposeAsync();

        (await ledger.Events.ReadAsync()).Select(e => e.Type).ShouldBe([LedgerEventTypes.EnvironmentLocked, LedgerEventTypes.EnvironmentReleased]);
    }

    [Fact]
    public async Task DisposeAsync_ClosesTheLocksOwnConnectionRatherThanPoolingIt()
    {
        await using var ledger = await TestLedger.CreateAsync(server);
        var held = await EnvironmentLock.AcquireAsync(ledger.Database, "production", Alice);
        var backend = (int)(await ledger.ScalarAsync("SELECT backend_pid FROM runway.environment_holders WHERE environment = $1", "production"))!;

        await held.DisposeAsync();
        await WaitUntilGoneAsync(ledger, backend);

        // A pooled connection would linger idle, and a session lock on it with it.
        (await ledger.ScalarAsync("SELECT count(*) FROM pg_stat_activity WHERE pid = $1", backend)).ShouldBe(0L);
    }

    [Fact]
    public async Task LedgerWrites_OfARunThatLostItsLock_AreRefusedAndChangeNothing_WhileTheNewHolderWrites()
    {
        await using var ledger = await TestLedger.CreateAsync(server);
        var deployment = await ledger.StartAsync();
        await using var staleSource = Npgsql.NpgsqlDataSource.Create(ledger.ConnectionString);
        var stale = new LedgerDatabase(staleSource, ledger.Clock, Serilog.Core.Logger.None);
        var lost = await EnvironmentLock.AcquireAsync(stale, "production", Alice);
        await new DeploymentLedger(stale).StartPhaseAsync(deployment.Id, "Canary");
        var backend = (int)(await ledger.ScalarAsync("SELECT backend_pid FROM runway.environment_holders WHERE environment = $1", "production"))!;

        // The ledger's server drops the lock's connection (a restart would), and a second run takes the environment.
        (await ledger.ScalarAsync("SELECT pg_terminate_backend($1)", backend)).ShouldBe(true);
        await WaitUntilGoneAsync(ledger, backend);
        await using var taken = await EnvironmentLock.AcquireAsync(ledger.Database, "production", Bob);

        taken.Fence.Token.ShouldBeGreaterThan(lost.Fence.Token, "each acquisition bumps the fence");
        var refused = await Should.ThrowAsync<LockLostException>(() => new DeploymentLedger(stale).FinishDeploymentAsync(deployment.Id, DeploymentState.Failed, "stale"));
        refused.Message.ShouldContain("Lost the lock on environment 'production'");
        (await ledger.Deployments.GetDeploymentAsync(deployment.Id))!.State.ShouldBe(DeploymentState.Running, "the stale write changed nothing");
        await ledger.Deployments.FinishPhaseAsync(deployment.Id, "Canary", WorkStatus.Succeeded);
        await lost.DisposeAsync();
    }

    [Fact]
    public async Task Lost_IsCancelledWithinSeconds_WhenTheLocksConnectionDies()
    {
        await using var ledger = await TestLedger.CreateAsync(server);
        await using var held = await EnvironmentLock.AcquireAsync(ledger.Database, "production", Alice);
        var lost = new TaskCompletionSource();
        using var registration = held.Lost.Register(lost.SetResult);
        var backend = (int)(await ledger.ScalarAsync("SELECT backend_pid FROM runway.environment_holders WHERE environment = $1", "production"))!;

        await ledger.ScalarAsync("SELECT pg_terminate_backend($1)", backend);

        await lost.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Should.ThrowAsync<LockLostException>(() => held.EnsureHeldAsync());
        await Should.ThrowAsync<LockLostException>(() => ledger.StartAsync("production", "9.9.9"));
    }

    private static async Task WaitUntilGoneAsync(TestLedger ledger, int backend)
    {
        for (var i = 0; i < 100 && (long)(await ledger.ScalarAsync("SELECT count(*) FROM pg_stat_activity WHERE pid = $1", backend))! > 0; i++)
            await Task.Delay(20);
    }
}
