using Npgsql;
using Runway.Database.Forecast;
using Runway.Testing;
using Runway.Tests.Database.Migrations;
using Shouldly;
using Xunit;

namespace Runway.Tests.Database.Forecast;

/// <summary>
/// The counters a forecast reads must hold the migration's own writes the moment it ends: PostgreSQL 15 keeps a
/// session's table counters in the session and flushes them at most once a second (or 10 s later, once idle), so a
/// session still open in the pool would hide its last writes, and the forecast would count them as users' writes.
/// </summary>
[Collection("postgres")]
public sealed class StatisticsFlushTests(PostgresServer server)
{
    [Fact]
    public async Task MigrationWrites_AreInTheCountersAsSoonAsTheRunEnds_WhileItsSessionStaysOpen()
    {
        using var folder = new ScriptFolder()
            .Add("V1__create.sql", "CREATE TABLE counted (id int); INSERT INTO counted SELECT g FROM generate_series(1, 10) g;")
            .Add("V2__more.sql", "INSERT INTO counted SELECT g FROM generate_series(11, 30) g;")
            .Add("V3__more.sql", "UPDATE counted SET id = id + 100 WHERE id <= 5;");
        var database = await server.CreateDatabaseAsync();
        // Pooled and kept open: the run's session goes back to the pool, idle, as it does in a deployment until disposal.
        await using var dataSource = NpgsqlDataSource.Create(database);

        var result = await folder.Runner(dataSource).UpgradeAsync();
        var counters = await WriteCounters.ReadAsync(database);

        result.Successful.ShouldBeTrue(result.Error);
        var counted = counters.Tables["public.counted"];
        (counted.Inserted, counted.Updated).ShouldBe((30L, 5L), "every write of the run is counted the moment it ends");
    }
}
