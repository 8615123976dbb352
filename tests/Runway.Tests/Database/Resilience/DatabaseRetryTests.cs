using Npgsql;
using Runway.Database.Resilience;
using Runway.Testing;
using Serilog;
using Shouldly;
using Xunit;

namespace Runway.Tests.Database.Resilience;

[Collection("postgres")]
public sealed class DatabaseRetryTests(PostgresServer server)
{
    private static readonly DatabaseRetryOptions Quick = new() { MaxRetryAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) };

    [Fact]
    public async Task ExecuteAsync_ConnectionRefused_RetriesTheBoundedNumberOfTimesThenThrows()
    {
        var connectionString = $"Host=127.0.0.1;Port={PostgresServer.FreePort()};Database=ledger;Username=runway;Password=hunter2;Timeout=3";
        var pipeline = DatabaseRetry.Create(Serilog.Core.Logger.None, DatabaseEndpoint.From(connectionString), Quick);
        var attempts = 0;

        var error = await Should.ThrowAsync<NpgsqlException>(async () => await pipeline.ExecuteAsync(async token =>
        {
            attempts++;
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(token);
        }));

        DatabaseRetry.IsTransient(error).ShouldBeTrue();
        attempts.ShouldBe(Quick.MaxRetryAttempts + 1);
    }

    [Fact]
    public async Task ExecuteAsync_SqlSyntaxError_IsNotRetried()
    {
        var pipeline = DatabaseRetry.Create(Serilog.Core.Logger.None, new DatabaseEndpoint("127.0.0.1", 5432, "test"), Quick);
        await using var dataSource = await server.CreateDataSourceAsync();
        var attempts = 0;

        var error = await Should.ThrowAsync<PostgresException>(async () => await pipeline.ExecuteAsync(async token =>
        {
            attempts++;
            await using var command = dataSource.CreateCommand("SELEC 1");
            await command.ExecuteNonQueryAsync(token);
        }));

        error.SqlState.ShouldBe(PostgresErrorCodes.SyntaxError);
        DatabaseRetry.IsTransient(error).ShouldBeFalse();
        attempts.ShouldBe(1);
    }

    [Fact]
    public async Task ExecuteAsync_Retrying_LogsTheEndpointButNeverThePassword()
    {
        var port = PostgresServer.FreePort();
        var connectionString = $"Host=127.0.0.1;Port={port};Database=ledger;Username=runway;Password=hunter2;Timeout=3";
        var sink = new LogCapture();
        var logger = new LoggerConfiguration().WriteTo.Sink(sink).CreateLogger();
        var pipeline = DatabaseRetry.Create(logger, DatabaseEndpoint.From(connectionString), Quick);

        await Should.ThrowAsync<NpgsqlException>(async () => await pipeline.ExecuteAsync(async token =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(token);
        }));

        sink.Lines.Count.ShouldBe(Quick.MaxRetryAttempts);
        sink.LinesWithProperties.ShouldAllBe(line => line.Contains($"127.0.0.1:{port}/ledger") && !line.Contains("hunter2"));
    }

    [Fact]
    public void DatabaseEndpoint_FromAConnectionStringWithAPassword_ShowsOnlyHostPortAndDatabase()
    {
        var endpoint = DatabaseEndpoint.From("Host=db.internal;Port=6543;Database=ledger;Username=runway;Password=hunter2");

        endpoint.ToString().ShouldBe("db.internal:6543/ledger");
    }
}
