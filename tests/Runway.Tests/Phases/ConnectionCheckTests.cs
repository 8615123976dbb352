using Npgsql;
using Runway.Phases;
using Runway.Testing;
using Shouldly;
using Xunit;

namespace Runway.Tests.Phases;

/// <summary>
/// Issue 14 rule 8: a connection the server refuses names which connection it is, where its setting came from and
/// the fix, against a real PostgreSQL server.
/// </summary>
[Collection("postgres")]
public sealed class ConnectionCheckTests(PostgresServer postgres)
{
    private static readonly PipelineSettings Settings = new()
    {
        RootDirectory = "/repo", TemporaryDirectory = "/repo/.nuke/temp", Environment = "production", Release = "1.0.0", StartedBy = "test",
    };

    [Fact]
    public async Task WrongUser_NamesTheLedgerConnectionItsSourceAndTheFix()
    {
        var ledger = new NpgsqlConnectionStringBuilder(await postgres.CreateDatabaseAsync()) { Username = "nobody" }.ConnectionString;

        var error = await Should.ThrowAsync<InvalidSettingsException>(() =>
            ConnectionCheck.EnsureReachableAsync(Settings with { LedgerConnectionString = ledger }, Origin, CancellationToken.None));

        error.Message.ShouldContain("the ledger database (--ledger-connection-string, from LedgerConnectionString from the test; nobody@");
        error.Message.ShouldContain("28000: role \"nobody\" does not exist.");
        error.Message.ShouldContain("Fix the user name in that connection string");
    }

    [Fact]
    public async Task MissingDatabase_NamesTheApplicationDatabaseConnection()
    {
        var ledger = await postgres.CreateDatabaseAsync();
        var database = new NpgsqlConnectionStringBuilder(ledger) { Database = "no_such_database" }.ConnectionString;

        var error = await Should.ThrowAsync<InvalidSettingsException>(() =>
            ConnectionCheck.EnsureReachableAsync(Settings with { LedgerConnectionString = ledger, DatabaseConnectionString = database }, Origin, CancellationToken.None));

        error.Message.ShouldContain("the application database (--database-connection-string, from DatabaseConnectionString from the test;");
        error.Message.ShouldContain("3D000");
        error.Message.ShouldContain("fix its name in that connection string");
    }

    [Fact]
    public async Task RoleWithoutConnectPrivilege_SaysThePrivilegeIsMissing_NotToCheckTheHostAndPort()
    {
        // One table of SQLSTATE meanings: a role the database refuses CONNECT (42501) is no network problem.
        var ledger = await postgres.CreateDatabaseAsync();
        var role = "no_connect_" + Guid.NewGuid().ToString("N")[..6];
        var database = new NpgsqlConnectionStringBuilder(ledger).Database!;
        await postgres.AsAdminAsync($"CREATE ROLE {role} LOGIN PASSWORD 'pw'; REVOKE CONNECT ON DATABASE {database} FROM PUBLIC");
        var refused = new NpgsqlConnectionStringBuilder(ledger) { Username = role, Password = "pw" }.ConnectionString;

        var error = await Should.ThrowAsync<InvalidSettingsException>(() =>
            ConnectionCheck.EnsureReachableAsync(Settings with { LedgerConnectionString = refused }, Origin, CancellationToken.None));

        error.Message.ShouldContain("42501: permission denied for database");
        error.Message.ShouldContain("the role lacks a privilege it needs");
        error.Message.ShouldContain("GRANT CREATE, CONNECT ON DATABASE");
        error.Message.ShouldNotContain("Check the host, port");
    }

    [Fact]
    public async Task ReachableConnections_Pass() =>
        await ConnectionCheck.EnsureReachableAsync(
            Settings with { LedgerConnectionString = await postgres.CreateDatabaseAsync(), DatabaseConnectionString = await postgres.CreateDatabaseAsync() },
            Origin, CancellationToken.None);

    private static string Origin(string member) => $"{member} from the test";
}
