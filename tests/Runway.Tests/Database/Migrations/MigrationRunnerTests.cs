using Runway.Database.Migrations;
using Runway.Testing;
using Shouldly;
using Xunit;

namespace Runway.Tests.Database.Migrations;

[Collection("postgres")]
public sealed class MigrationRunnerTests(PostgresServer server)
{
    [Fact]
    public async Task UpgradeAsync_VersionsOrderedNumerically_RunsV2BeforeV10AndRepeatablesLast()
    {
        using var folder = new ScriptFolder()
            .Add("V10__ten.sql", "INSERT INTO steps VALUES ('10');")
            .Add("V2__two.sql", "INSERT INTO steps VALUES ('2');")
            .Add("V1_1__one_one.sql", "INSERT INTO steps VALUES ('1.1');")
            .Add("R__views.sql", "CREATE OR REPLACE VIEW step_count AS SELECT count(*) AS n FROM steps;")
            .Add("V1__create.sql", "CREATE TABLE steps (name text, at serial);");
        await using var dataSource = await server.CreateDataSourceAsync();

        var result = await folder.Runner(dataSource).UpgradeAsync();

        result.Successful.ShouldBeTrue(result.Error);
        result.Applied.Select(a => a.Script).ShouldBe(["V1__create.sql", "V1_1__one_one.sql", "V2__two.sql", "V10__ten.sql", "R__views.sql"]);
        (await Sql.ScalarAsync<string>(dataSource, "SELECT string_agg(name, ',' ORDER BY at) FROM steps")).ShouldBe("1.1,2,10");
        result.Applied[1].Version.ShouldBe("1.1");
    }

    [Fact]
    public async Task UpgradeAsync_SecondRun_AppliesNothingAndRecordsChecksums()
    {
        using var folder = new ScriptFolder().Add("V1__create.sql", "CREATE TABLE t (id int);");
        await using var dataSource = await server.CreateDataSourceAsync();
        await folder.Runner(dataSource).UpgradeAsync();

        var second = await folder.Runner(dataSource).UpgradeAsync();

        second.Successful.ShouldBeTrue(second.Error);
        second.Applied.ShouldBeEmpty();
        var history = await folder.Runner(dataSource).HistoryAsync();
        history.Single().Checksum.ShouldBe(MigrationScriptFolder.Checksum("CREATE TABLE t (id int);"));
        history.Single().Success.ShouldBeTrue();
    }

    [Fact]
    public async Task UpgradeAsync_AppliedScriptChanged_RefusesWithBothChecksumsAndRunsNothing()
    {
        using var folder = new ScriptFolder().Add("V1__create.sql", "CREATE TABLE t (id int);");
        await using var dataSource = await server.CreateDataSourceAsync();
        await folder.Runner(dataSource).UpgradeAsync();
        folder.Add("V1__create.sql", "CREATE TABLE t (id bigint);").Add("V2__more.sql", "CREATE TABLE u (id int);");

        var result = await folder.Runner(dataSource).UpgradeAsync();

        result.Successful.ShouldBeFalse();
        result.Error.ShouldContain("V1__create.sql");
        result.Error.ShouldContain(MigrationScriptFolder.Checksum("CREATE TABLE t (id int);"));
        result.Error.ShouldContain(MigrationScriptFolder.Checksum("CREATE TABLE t (id bigint);"));
        (await Sql.TableExistsAsync(dataSource, "u")).ShouldBeFalse();
    }

    [Fact]
    public async Task UpgradeAsync_AppliedScriptMissing_IsReported()
    {
        using var folder = new ScriptFolder().Add("V1__create.sql", "CREATE TABLE t (id int);");
        await using var dataSource = await server.CreateDataSourceAsync();
        await folder.Runner(dataSource).UpgradeAsync();
        folder.Remove("V1__create.sql");
        folder.Add("V2__more.sql", "CREATE TABLE u (id int);");

        var result = await folder.Runner(dataSource).UpgradeAsync();

        result.Successful.ShouldBeFalse();
        result.Problems.ShouldHaveSingleItem().ShouldContain("V1__create.sql");
        result.Error.ShouldContain("missing");
        (await Sql.TableExistsAsync(dataSource, "u")).ShouldBeFalse();
    }

    [Fact]
    public async Task UpgradeAsync_MalformedFileName_NamesTheFileAndTheExpectedForm()
    {
        using var folder = new ScriptFolder().Add("V1__ok.sql", "SELECT 1;").Add("v2-bad.sql", "SELECT 2;");
        await using var dataSource = await server.CreateDataSourceAsync();

        var result = await folder.Runner(dataSource).UpgradeAsync();

        result.Successful.ShouldBeFalse();
        result.Error.ShouldContain("v2-bad.sql");
        result.Error.ShouldContain("V<version>__<description>.sql");
        (await Sql.TableExistsAsync(dataSource, "runway_schema_history")).ShouldBeFalse();
    }

    [Fact]
    public async Task UpgradeAsync_RepeatableScript_RunsAgainOnlyWhenItChanges()
    {
        using var folder = new ScriptFolder()
            .Add("V1__create.sql", "CREATE TABLE runs (n int);")
            .Add("R__count.sql", "INSERT INTO runs VALUES (1);");
        await using var dataSource = await server.CreateDataSourceAsync();
        await folder.Runner(dataSource).UpgradeAsync();

        var unchanged = await folder.Runner(dataSource).UpgradeAsync();
        folder.Add("R__count.sql", "INSERT INTO runs VALUES (2);");
        var plan = await folder.Runner(dataSource).DryRunAsync();
        var changed = await folder.Runner(dataSource).UpgradeAsync();

        unchanged.Applied.ShouldBeEmpty();
        plan.Scripts.ShouldHaveSingleItem().Reason.ShouldBe(MigrationReason.ChecksumChanged);
        changed.Applied.ShouldHaveSingleItem().Script.ShouldBe("R__count.sql");
        (await Sql.ScalarAsync<string>(dataSource, "SELECT string_agg(n::text, ',' ORDER BY n) FROM runs")).ShouldBe("1,2");
    }
}
