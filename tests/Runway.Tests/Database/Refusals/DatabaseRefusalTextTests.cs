using Npgsql;
using Runway.Database.Refusals;
using Runway.Testing;
using Shouldly;
using Xunit;

namespace Runway.Tests.Database.Refusals;

/// <summary>
/// Which connection a real PostgreSQL or Npgsql error came from, told apart by what the server and Npgsql name in it,
/// for refusals that first appear mid-run: the service database dropped, a role gone, a server that stopped answering.
/// </summary>
[Collection("postgres")]
public sealed class DatabaseRefusalTextTests(PostgresServer postgres)
{
    [Fact]
    public async Task ServiceDatabaseDroppedMidRun_NamesTheServiceDatabase_NotTheLedger()
    {
        var (ledger, service) = (await postgres.CreateDatabaseAsync("ledger"), await postgres.CreateDatabaseAsync("service"));
        await postgres.AsAdminAsync($"DROP DATABASE {Database(service)} WITH (FORCE)");

        var error = await OpenAsync(service);
        var text = DatabaseRefusal.Describe(new InvalidOperationException("Preparation step failed", error), Connections(ledger, service))!;

        text.ShouldStartWith("The service database (--database-connection-string, from RUNWAY_DATABASE_CONNECTION_STRING in the environment; ");
        text.ShouldContain("(SQLSTATE 3D000)");
        text.ShouldContain("does not exist");
        text.ShouldContain("Create the database, or fix its name in --database-connection-string");
        text.ShouldNotContain("ledger");
    }

    [Fact]
    public async Task RoleGone_NamesTheConnectionWithThatUser()
    {
        var (ledger, service) = (await postgres.CreateDatabaseAsync("ledger"), await postgres.CreateDatabaseAsync("service"));
        var gone = new NpgsqlConnectionStringBuilder(ledger) { Username = "nobody_" + Guid.NewGuid().ToString("N")[..6] }.ConnectionString;

        var text = DatabaseRefusal.Describe(await OpenAsync(gone), Connections(gone, service))!;

        text.ShouldStartWith("The ledger database (--ledger-connection-string");
        text.ShouldContain("(SQLSTATE 28000)");
        text.ShouldContain("create the role with LOGIN");
    }

    [Fact]
    public async Task ServerNotAnswering_NamesTheConnectionAtThatHostAndPort()
    {
        var service = await postgres.CreateDatabaseAsync("service");
        var stopped = new NpgsqlConnectionStringBuilder(service) { Port = PostgresServer.FreePort(), Password = "s3cr3t-pw" }.ConnectionString;

        var text = DatabaseRefusal.Describe(await OpenAsync(stopped), Connections(stopped, service))!;

        text.ShouldStartWith("The ledger database (--ledger-connection-string");
        text.ShouldContain("the server could not be reached");
        text.ShouldContain("Check the host and port in --ledger-connection-string");
        text.ShouldNotContain("s3cr3t-pw");
    }

    [Fact]
    public void NoDatabaseError_IsLeftToTheCaller() =>
        DatabaseRefusal.Describe(new InvalidOperationException("no"), []).ShouldBeNull();

    private static IReadOnlyList<NamedConnection> Connections(string ledger, string service) =>
    [
        new("the ledger database", "--ledger-connection-string", "RUNWAY_LEDGER_CONNECTION_STRING in the environment", ledger),
        new("the service database", "--database-connection-string", "RUNWAY_DATABASE_CONNECTION_STRING in the environment", service),
    ];

    private static async Task<NpgsqlException> OpenAsync(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 5 };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        return await Should.ThrowAsync<NpgsqlException>(() => connection.OpenAsync());
    }

    private static string Database(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).Database!;
}
