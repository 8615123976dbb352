using Npgsql;
using Polly;
using Runway.Database.Resilience;
using Runway.Ledger.Schema;
using Serilog;

namespace Runway.Ledger;

/// <summary>
/// The ledger's database: one <see cref="NpgsqlDataSource"/> (a singleton), the clock, the retry pipeline, and the
/// schema, created or upgraded on first use. <see cref="DeploymentLedger"/>, <see cref="BackupLedger"/>,
/// <see cref="ChecklistMarks"/>, <see cref="EventLog"/> and <see cref="EnvironmentLock"/> all work through it.
/// </summary>
public sealed class LedgerDatabase
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _retry;
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private volatile bool _schemaReady;
    private volatile LedgerFence? _fence;

    /// <summary>Creates the ledger over <paramref name="dataSource"/>; <paramref name="retry"/> defaults to <see cref="DatabaseRetry"/>.</summary>
    public LedgerDatabase(NpgsqlDataSource dataSource, TimeProvider timeProvider, ILogger logger, ResiliencePipeline? retry = null)
    {
        _dataSource = dataSource;
        _timeProvider = timeProvider;
        _logger = logger;
        Endpoint = DatabaseEndpoint.From(dataSource);
        _retry = retry ?? DatabaseRetry.Create(logger, Endpoint, timeProvider: timeProvider);
    }

    /// <summary>Masks secrets in every text the ledger stores (errors, evidence, notes, event payloads).</summary>
    public SecretMasker Masker { get; init; } = SecretMasker.None;

    /// <summary>Where the ledger lives (host, port, database; no secrets).</summary>
    public DatabaseEndpoint Endpoint { get; }

    /// <summary>Creates or upgrades the <c>runway</c> schema; cheap after the first call. Safe to call concurrently.</summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken = default)
    {
        if (_schemaReady) return;
        await _schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_schemaReady) return;
            var applied = await _retry.ExecuteAsync(async token =>
            {
                await using var connection = await _dataSource.OpenConnectionAsync(token).ConfigureAwait(false);
                return await LedgerSchema.ApplyAsync(connection, Now(), _logger, token).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            _logger.Information("Ledger schema ready in {Endpoint} ({Applied} scripts applied)", Endpoint.ToString(), applied);
            _schemaReady = true;
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    internal ILogger Logger => _logger;

    /// <summary>The fence every write of this run presents while it holds an environment, or null (reads, sign-offs).</summary>
    public LedgerFence? Fence => _fence;

    /// <summary>From now on every write presents <paramref name="fence"/> (null: none), checked inside its transaction.</summary>
    internal void UseFence(LedgerFence? fence) => _fence = fence;

    /// <summary>Now, truncated to the microsecond PostgreSQL stores, so written and read timestamps are equal.</summary>
    internal DateTimeOffset Now()
    {
        var now = _timeProvider.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - now.UtcTicks % 10, TimeSpan.Zero);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction, retried as a whole on transient connection failures. While the
    /// run holds an environment, the transaction first checks the run's fence, so a run that lost its lock writes nothing.
    /// </summary>
    internal async Task<T> InTransactionAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        if (_fence is { IsLost: true } lost) throw lost.Lost();
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        return await _retry.ExecuteAsync(async token =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(token).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(token).ConfigureAwait(false);
            if (_fence is { } fence) await fence.EnsureCurrentAsync(connection, token).ConfigureAwait(false);
            var result = await work(connection, token).ConfigureAwait(false);
            await transaction.CommitAsync(token).ConfigureAwait(false);
            return result;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a read on a pooled connection, retried on transient connection failures.</summary>
    internal async Task<T> ReadAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        return await _retry.ExecuteAsync(async token =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(token).ConfigureAwait(false);
            return await work(connection, token).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Opens a dedicated, non-pooled connection: a session-level advisory lock must die with its connection, and a
    /// pooled connection outlives its Dispose. <see cref="NpgsqlConnection.CloneWith(string)"/> keeps the data
    /// source's password without it ever passing through a string here.
    /// </summary>
    internal async Task<NpgsqlConnection> OpenDedicatedConnectionAsync(string applicationName, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        return await _retry.ExecuteAsync(async token =>
        {
            await using var template = _dataSource.CreateConnection();
            var settings = new NpgsqlConnectionStringBuilder(template.ConnectionString) { Pooling = false, ApplicationName = applicationName, KeepAlive = 30 };
            var connection = template.CloneWith(settings.ConnectionString);
            try
            {
                await connection.OpenAsync(token).ConfigureAwait(false);
                return connection;
            }
            catch
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }, cancellationToken).ConfigureAwait(false);
    }
}
