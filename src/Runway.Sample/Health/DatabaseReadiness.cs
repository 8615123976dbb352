using Npgsql;
using Polly;
using Polly.Timeout;

namespace Runway.Sample.Health;

/// <summary>Answers whether the database answers <c>SELECT 1</c> within two seconds.</summary>
internal sealed class DatabaseReadiness(NpgsqlDataSource dataSource, Serilog.ILogger logger)
{
    private static readonly ResiliencePipeline Timeout = new ResiliencePipelineBuilder().AddTimeout(TimeSpan.FromSeconds(2)).Build();

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Timeout.ExecuteAsync(PingAsync, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutRejectedException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            // Npgsql and Polly messages name host and port, never the password.
            logger.Warning("Readiness check failed: database unreachable ({Reason})", ex.Message);
            return false;
        }
    }

    private async ValueTask PingAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT 1");
        await command.ExecuteScalarAsync(cancellationToken);
    }
}
