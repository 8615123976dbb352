using Npgsql;
using Runway.Database.Migrations;
using Runway.Testing;
using Shouldly;
using Xunit;

namespace Runway.Tests.Database.Migrations;

[Collection("postgres")]
public sealed class MigrationExecutionTests(PostgresServer server)
{
    [Fact]
    public async Task UpgradeAsync_NoTransactionScript_CreatesAValidIndexConcurrently()
    {
        using var folder = new ScriptFolder()
            .Add("V1__create.sql", "CREATE TABLE orders (id int, customer text); INSERT INTO orders SELECT g, 'c' || g FROM generate_series(1, 1000) g;")
            .Add("V2__index.sql", """
                -- runway:no-transaction
                CREATE INDEX CONCURRENTLY orders_customer ON orders (customer);
                -- a semicolon inside a string; and a dollar body must not split
                CREATE INDEX CONCURRENTLY orders_id ON orders (id) WHERE customer <> 'x;y';
                DO $$ BEGIN PERFORM 1; PERFORM 2; END $$;
                """);
        await using var dataSource = await server.CreateDataSourceAsync();

        var result = await folder.Runner(dataSource).UpgradeAsync();

        result.Successful.ShouldBeTrue(result.Error);
        (await Sql.ScalarAsync<long>(dataSource,
            "SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname IN ('orders_customer', 'orders_id') AND i.indisvalid")).ShouldBe(2);
    }

    [Fact]
    public async Task UpgradeAsync_FailingScript_RollsItBackKeepsEarlierOnesAndNamesTheLine()
    {
        using var folder = new ScriptFolder()
            .Add("V1__good.sql", "CREATE TABLE good (id int);")
            .Add("V2__bad.sql", "CREATE TABLE partial (id int);\n\nINSERT INTO partial VALUES (1);\nSELECT *\n  FROM no_such_table;\n")
            .Add("V3__later.sql", "CREATE TABLE later (id int);");
        await using var dataSource = await server.CreateDataSourceAsync();

        var result = await folder.Runner(dataSource).UpgradeAsync();

        result.Successful.ShouldBeFalse();
        result.Failure!.Script.ShouldBe("V2__bad.sql");
        result.Failure.Line.ShouldBe(5);
        result.Failure.Message.ShouldContain("no_such_table");
        result.Error.ShouldContain("V2__bad.sql failed at line 5");
        result.Applied.Select(a => a.Script).ShouldBe(["V1__good.sql"]);
        (await Sql.TableExistsAsync(dataSource, "good")).ShouldBeTrue();
        (await Sql.TableExistsAsync(dataSource, "partial")).ShouldBeFalse();
        (await Sql.TableExistsAsync(dataSource, "later")).ShouldBeFalse();
        (await folder.Runner(dataSource).HistoryAsync()).Select(h => h.Script).ShouldBe(["V1__good.sql"]);
    }

    [Fact]
    public async Task UpgradeAsync_LockHeldThroughAllRetries_FailsWithAClearMessage()
    {
        using var folder = new ScriptFolder().Add("V1__create.sql", "CREATE TABLE busy (id int);");
        await using var dataSource = await server.CreateDataSourceAsync();
        await folder.Runner(dataSource).UpgradeAsync();
        folder.Add("V2__alter.sql", "ALTER TABLE busy ADD COLUMN name text;");
        await using var holder = await HoldLockAsync(dataSource, "busy");
        var options = new MigrationOptions { LockTimeout = TimeSpan.FromMilliseconds(100), LockAttempts = 3, LockRetryDelay = TimeSpan.FromMilliseconds(50) };

        var result = await folder.Runner(dataSource, options).UpgradeAsync();

        result.Successful.ShouldBeFalse();
        result.Failure!.Script.ShouldBe("V2__alter.sql");
        result.Failure.SqlState.ShouldBe(PostgresErrorCodes.LockNotAvailable);
        result.Failure.Message.ShouldContain("could not get a lock in 3 attempt(s)");
        result.Failure.Message.ShouldContain("pg_locks");
    }

    [Fact]
    public async Task UpgradeAsync_LockReleasedDuringRetries_Succeeds()
    {
        using var folder = new ScriptFolder().Add("V1__create.sql", "CREATE TABLE busy (id int);");
        await using var dataSource = await server.CreateDataSourceAsync();
        await folder.Runner(dataSource).UpgradeAsync();
        folder.Add("V2__alter.sql", "ALTER TABLE busy ADD COLUMN name text;");
        var holder = await HoldLockAsync(dataSource, "busy");
        var options = new MigrationOptions { LockTimeout = TimeSpan.FromMilliseconds(300), LockAttempts = 3, LockRetryDelay = TimeSpan.FromMilliseconds(50) };
        // First attempt waits 300 ms, the second 600 ms: releasing at 500 ms lets the second one through.
        var release = Task.Delay(500).ContinueWith(_ => holder.DisposeAsync().AsTask()).Unwrap();

        var result = await folder.Runner(dataSource, options).UpgradeAsync();
        await release;

        result.Successful.ShouldBeTrue(result.Error);
        result.Applied.ShouldHaveSingleItem().Script.ShouldBe("V2__alter.sql");
    }

    private static async Task<NpgsqlConnection> HoldLockAsync(NpgsqlDataSource dataSource, string table)
    {
        var connection = await dataSource.OpenConnectionAsync();
        await using (var begin = new NpgsqlCommand($"BEGIN; LOCK TABLE {table} IN ACCESS SHARE MODE;", connection))
            await begin.ExecuteNonQueryAsync();
        return connection;
    }
}
