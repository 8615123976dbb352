using Npgsql;
using Runway.Ledger;
using Runway.Ledger.Schema;
using Runway.Testing;
using Serilog.Core;
using Shouldly;
using Xunit;

namespace Runway.Tests.Ledger;

[Collection("postgres")]
public sealed class LedgerSchemaTests(PostgresServer server)
{
    [Fact]
    public async Task EnsureSchemaAsync_FromTwoRunsInParallel_AppliesEachScriptOnce()
    {
        var connectionString = await server.CreateDatabaseAsync("schema");
        await using var first = NpgsqlDataSource.Create(connectionString);
        await using var second = NpgsqlDataSource.Create(connectionString);

        await Task.WhenAll(
            new LedgerDatabase(first, TimeProvider.System, Logger.None).EnsureSchemaAsync(),
            new LedgerDatabase(second, TimeProvider.System, Logger.None).EnsureSchemaAsync());

        await using var count = first.CreateCommand("SELECT count(*) FROM runway.schema_version");
        (await count.ExecuteScalarAsync()).ShouldBe((long)LedgerSchema.Scripts.Count);
    }

    [Fact]
    public async Task EnsureSchemaAsync_OnAnExistingLedger_ChangesNothing()
    {
        await using var ledger = await TestLedger.CreateAsync(server);
        await ledger.StartAsync();

        await new LedgerDatabase(ledger.DataSource, TimeProvider.System, Logger.None).EnsureSchemaAsync();

        (await ledger.ScalarAsync("SELECT count(*) FROM runway.schema_version")).ShouldBe((long)LedgerSchema.Scripts.Count);
        (await ledger.ScalarAsync("SELECT count(*) FROM runway.deployments")).ShouldBe(1L);
    }

    [Fact]
    public void Scripts_AreEmbeddedInVersionOrder()
    {
        LedgerSchema.Scripts.ShouldNotBeEmpty();
        LedgerSchema.Scripts[0].Name.ShouldBe("V001__ledger.sql");
        LedgerSchema.Scripts.Select(s => s.Version).ShouldBeInOrder();
    }
}
