using Runway.Database.Migrations;
using Runway.Testing;
using Shouldly;
using Xunit;

namespace Runway.Tests.Database.Migrations;

/// <summary>Flyway's undo convention: U scripts take a version back, keep the rows, and make it pending again.</summary>
[Collection("postgres")]
public sealed class MigrationUndoTests(PostgresServer server)
{
    [Fact]
    public async Task UndoAsync_NewestFirst_KeepsRowsAndRecordsEachUndo_ThenTheVersionsArePendingAgain()
    {
        using var folder = new ScriptFolder()
            .Add("V1__create.sql", "CREATE TABLE orders (id int);")
            .Add("V2__note.sql", "ALTER TABLE orders ADD COLUMN note text;")
            .Add("U2__note.sql", "ALTER TABLE orders DROP COLUMN IF EXISTS note;")
            .Add("V3__audit.sql", "-- runway:compatible\nCREATE TABLE audit (id int);");
        await using var dataSource = await server.CreateDataSourceAsync();
        var applied = await folder.Runner(dataSource).UpgradeAsync();
        await using (var insert = dataSource.CreateCommand("INSERT INTO orders VALUES (1, 'kept'), (2, 'kept')")) await insert.ExecuteNonQueryAsync();
        var scripts = await folder.Runner(dataSource).ScriptsAsync();

        var plan = MigrationRollbackPlan.For(scripts, [.. applied.Applied.Skip(1).Select(a => a.Script)], halfApplied: null);
        var undo = await folder.Runner(dataSource).UndoAsync(plan.Undos);

        plan.Steps.Select(s => s.ToString()).ShouldBe(["V3__audit.sql: left as it is (-- runway:compatible)", "V2__note.sql: undo with U2__note.sql"]);
        plan.NeedsRestore.ShouldBeFalse();
        undo.Successful.ShouldBeTrue(undo.Error);
        undo.Applied.ShouldHaveSingleItem().Script.ShouldBe("U2__note.sql");
        (await Sql.ScalarAsync<long>(dataSource, "SELECT count(*) FROM orders")).ShouldBe(2);
        (await Sql.ScalarAsync<long>(dataSource, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'note'")).ShouldBe(0);
        (await folder.Runner(dataSource).DryRunAsync()).Scripts.ShouldHaveSingleItem().Script.FileName.ShouldBe("V2__note.sql");
    }

    [Fact]
    public async Task UpgradeAsync_NoTransactionScriptFailingAtItsSecondStatement_SaysHowFarItGot_AndThePlanUndoesIt()
    {
        using var folder = new ScriptFolder()
            .Add("V1__half.sql", "-- runway:no-transaction\nCREATE TABLE first_done (id int);\nSELECT 1 / 0;\n")
            .Add("U1__half.sql", "DROP TABLE IF EXISTS first_done;")
            .Add("V2__none.sql", "CREATE TABLE no_undo (id int);");
        await using var dataSource = await server.CreateDataSourceAsync();

        var result = await folder.Runner(dataSource).UpgradeAsync();
        var plan = MigrationRollbackPlan.For(await folder.Runner(dataSource).ScriptsAsync(), [], result.Failure!.Script);

        result.Failure.StatementsDone.ShouldBe(1);
        result.Failure.StatementCount.ShouldBe(2);
        result.Failure.ToString().ShouldContain("V1__half.sql failed at statement 2 of 2 (1 done");
        plan.Steps.ShouldHaveSingleItem().ToString().ShouldBe("V1__half.sql: undo with U1__half.sql (half-applied)");
        (await folder.Runner(dataSource).UndoAsync(plan.Undos)).Successful.ShouldBeTrue();
        (await Sql.TableExistsAsync(dataSource, "first_done")).ShouldBeFalse();
        MigrationRollbackPlan.For(await folder.Runner(dataSource).ScriptsAsync(), ["V2__none.sql"], null).NeedsRestore.ShouldBeTrue();
    }
}
