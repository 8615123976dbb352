using Runway.Database.Migrations;
using Runway.Testing;
using Shouldly;
using Xunit;

namespace Runway.Tests.Database.Migrations;

[Collection("postgres")]
public sealed class MigrationRunModesTests(PostgresServer server)
{
    [Fact]
    public async Task DryRunAsync_FreshDatabase_ListsScriptsAndChangesNothing()
    {
        using var folder = new ScriptFolder().Add("V1__create.sql", "CREATE TABLE t (id int);").Add("R__view.sql", "CREATE OR REPLACE VIEW v AS SELECT 1;");
        await using var dataSource = await server.CreateDataSourceAsync();

        var plan = await folder.Runner(dataSource).DryRunAsync();

        plan.IsValid.ShouldBeTrue();
        plan.Scripts.Select(p => (p.Script.FileName, p.Reason)).ShouldBe([("V1__create.sql", MigrationReason.Pending), ("R__view.sql", MigrationReason.Pending)]);
        (await Sql.TableExistsAsync(dataSource, "runway_schema_history")).ShouldBeFalse();
        (await Sql.TableExistsAsync(dataSource, "t")).ShouldBeFalse();
    }

    [Fact]
    public async Task BaselineAsync_ExistingDatabase_MarksScriptsUpToTheVersionWithoutRunningThem()
    {
        using var folder = new ScriptFolder()
            .Add("V1__create.sql", "CREATE TABLE legacy (id int);")
            .Add("V2__fill.sql", "INSERT INTO legacy VALUES (1);")
            .Add("V3__new.sql", "CREATE TABLE added (id int);");
        await using var dataSource = await server.CreateDataSourceAsync();
        await using (var existing = dataSource.CreateCommand("CREATE TABLE legacy (id int)")) await existing.ExecuteNonQueryAsync();

        var baseline = await folder.Runner(dataSource).BaselineAsync("2");
        var upgrade = await folder.Runner(dataSource).UpgradeAsync();

        baseline.Successful.ShouldBeTrue(baseline.Error);
        baseline.Applied.Select(a => a.Script).ShouldBe(["V1__create.sql", "V2__fill.sql"]);
        upgrade.Applied.ShouldHaveSingleItem().Script.ShouldBe("V3__new.sql");
        (await Sql.ScalarAsync<long>(dataSource, "SELECT count(*) FROM legacy")).ShouldBe(0);
    }

    [Fact]
    public async Task BaselineAsync_HistoryNotEmpty_IsRefused()
    {
        using var folder = new ScriptFolder().Add("V1__create.sql", "CREATE TABLE t (id int);");
        await using var dataSource = await server.CreateDataSourceAsync();
        await folder.Runner(dataSource).UpgradeAsync();

        var baseline = await folder.Runner(dataSource).BaselineAsync("1");

        baseline.Successful.ShouldBeFalse();
        baseline.Error.ShouldContain("already has rows");
    }

    [Fact]
    public async Task UpgradeAsync_TwentyConcurrentRunners_ApplyEachScriptOnceAndAllSucceed()
    {
        using var folder = new ScriptFolder();
        for (var i = 1; i <= 5; i++) folder.Add($"V{i}__step.sql", $"CREATE TABLE step_{i} (id int); SELECT pg_sleep(0.02);");
        folder.Add("R__view.sql", "CREATE VIEW steps AS SELECT 1 AS one;");
        await using var dataSource = await server.CreateDataSourceAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => folder.Runner(dataSource).UpgradeAsync())));

        results.ShouldAllBe(r => r.Successful);
        results.Sum(r => r.Applied.Count).ShouldBe(6);
        var history = await folder.Runner(dataSource).HistoryAsync();
        history.Count.ShouldBe(6);
        history.Select(h => h.Script).Distinct().Count().ShouldBe(6);
    }
}
