using Npgsql;
using Runway.Ledger;
using Runway.Testing;
using Shouldly;
using Xunit;

namespace Runway.Tests.Ledger;

[Collection("postgres")]
public sealed class EventLogTests(PostgresServer server)
{
    [Fact]
    public async Task VerifyChainAsync_AfterARun_IsValidAndLinksEveryEvent()
    {
        await using var ledger = await TestLedger.CreateAsync(server);
        await ledger.RunAsync("production", "1.0.0", DeploymentState.Succeeded, "Preparation", "Canary");

        var result = await ledger.Events.VerifyChainAsync();

        result.IsValid.ShouldBeTrue(result.Problem);
        result.EventsChecked.ShouldBe(6);
        var events = await ledger.Events.ReadAsync();
        events[0].PrevHash.ShouldBe(new string('0', 64));
        events.Skip(1).Select(e => e.PrevHash).ShouldBe(events.SkipLast(1).Select(e => e.Hash));
        events.Select(e => e.Type).ShouldBe([LedgerEventTypes.DeploymentStarted, LedgerEventTypes.PhaseStarted, LedgerEventTypes.PhaseFinished,
            LedgerEventTypes.PhaseStarted, LedgerEventTypes.PhaseFinished, LedgerEventTypes.DeploymentFinished]);
    }

    [Fact]
    public async Task VerifyChainAsync_EmptyLog_IsValid()
    {
        await using var ledger = await TestLedger.CreateAsync(server);

        var result = await ledger.Events.VerifyChainAsync();

        result.IsValid.ShouldBeTrue();
        result.EventsChecked.ShouldBe(0);
    }

    [Fact]
    public async Task VerifyChainAsync_PayloadTamperedWithBySql_ReportsThatEvent()
    {
        await using var ledger = await TestLedger.CreateAsync(server);
        await ledger.RunAsync("production", "1.0.0", DeploymentState.Failed, "Canary");
        var target = (await ledger.Events.ReadAsync())[2];
        target.Type.ShouldBe(LedgerEventTypes.PhaseFinished);

        await TamperAsync(ledger, "UPDATE runway.events SET payload = jsonb_set(payload, '{status}', '\"Skipped\"') WHERE id = $1", target.Id);

        var result = await ledger.Events.VerifyChainAsync();
        result.IsValid.ShouldBeFalse();
        result.BrokenEventId.ShouldBe(target.Id);
        result.Problem!.ShouldContain("hash does not match");
    }

    [Theory]
    [InlineData("UPDATE runway.events SET environment = 'staging' WHERE id = $1")]
    [InlineData("UPDATE runway.events SET deployment_id = deployment_id + 1 WHERE id = $1")]
    public async Task VerifyChainAsync_EnvironmentOrDeploymentIdTamperedWithBySql_ReportsThatEvent(string tamper)
    {
        await using var ledger = await TestLedger.CreateAsync(server);
        await ledger.RunAsync("production", "1.0.0", DeploymentState.Succeeded, "Preparation");
        var target = (await ledger.Events.ReadAsync())[1];
        await TamperAsync(ledger, tamper, target.Id);

        var result = await ledger.Events.VerifyChainAsync();

        result.IsValid.ShouldBeFalse();
        result.BrokenEventId.ShouldBe(target.Id);
    }

    [Fact]
    public async Task VerifyChainAsync_EventDeletedBySql_ReportsTheEventAfterTheGap()
    {
        await using var ledger = await TestLedger.CreateAsync(server);
        await ledger.RunAsync("production", "1.0.0", DeploymentState.Succeeded, "Canary");
        var events = await ledger.Events.ReadAsync();

        await TamperAsync(ledger, "DELETE FROM runway.events WHERE id = $1", events[1].Id);

        var result = await ledger.Events.VerifyChainAsync();
        result.BrokenEventId.ShouldBe(events[2].Id);
        result.Problem!.ShouldContain("prev_hash");
    }

    [Fact]
    public async Task AppendsFromTenConcurrentTasks_KeepALinearValidChain()
    {
        await using var ledger = await TestLedger.CreateAsync(server);

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() => ledger.RunAsync($"env-{i}", "1.0.0", DeploymentState.Succeeded, "Canary"))));

        var result = await ledger.Events.VerifyChainAsync();
        result.IsValid.ShouldBeTrue(result.Problem);
        result.EventsChecked.ShouldBe(40);
    }

    [Fact]
    public async Task UpdateOrDeleteOnEvents_IsRefusedByTheTrigger()
    {
        await using var ledger = await TestLedger.CreateAsync(server);
        await ledger.StartAsync();

        var update = await Should.ThrowAsync<PostgresException>(() => ledger.ScalarAsync("UPDATE runway.events SET type = 'forged'"));
        var delete = await Should.ThrowAsync<PostgresException>(() => ledger.ScalarAsync("DELETE FROM runway.events"));
        var truncate = await Should.ThrowAsync<PostgresException>(() => ledger.ScalarAsync("TRUNCATE runway.events"));

        update.MessageText.ShouldContain("append-only: UPDATE refused");
        delete.MessageText.ShouldContain("append-only: DELETE refused");
        truncate.MessageText.ShouldContain("append-only: TRUNCATE refused");
        (await ledger.Events.VerifyChainAsync()).IsValid.ShouldBeTrue();
    }

    [Fact]
    public async Task ReadForDeploymentAsync_ReturnsOnlyThatDeploymentsEvents()
    {
        await using var ledger = await TestLedger.CreateAsync(server);
        var first = await ledger.RunAsync("production", "1.0.0", DeploymentState.Succeeded);
        await ledger.RunAsync("staging", "1.0.0", DeploymentState.Succeeded);

        var events = await ledger.Events.ReadForDeploymentAsync(first.Id);

        events.Select(e => e.Type).ShouldBe([LedgerEventTypes.DeploymentStarted, LedgerEventTypes.DeploymentFinished]);
        events.ShouldAllBe(e => e.DeploymentId == first.Id && e.Environment == "production");
        events[0].Payload["release"]!.GetValue<string>().ShouldBe("1.0.0");
    }

    // The trigger stops ordinary changes; an attacker with superuser rights can switch it off, which is what the chain is for.
    private static async Task TamperAsync(TestLedger ledger, string sql, long id)
    {
        await using var connection = await ledger.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var replica = new NpgsqlCommand("SET LOCAL session_replication_role = replica", connection)) await replica.ExecuteNonQueryAsync();
        await using (var tamper = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = id } } })
            (await tamper.ExecuteNonQueryAsync()).ShouldBe(1);
        await transaction.CommitAsync();
    }
}
