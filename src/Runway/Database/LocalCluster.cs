using System.Text.RegularExpressions;
using Npgsql;
using Runway.Processes;
using Serilog;

namespace Runway.Database;

/// <summary>Where and how a <see cref="LocalCluster"/> runs.</summary>
/// <param name="Directory">The cluster's folder: <c>data/</c> and <c>server.log</c> live inside it.</param>
/// <param name="Port">The loopback TCP port the server listens on.</param>
/// <param name="Durable">False turns off fsync and synchronous commit: for throwaway test clusters only.</param>
public sealed record LocalClusterOptions(string Directory, int Port, bool Durable = true);

/// <summary>
/// A PostgreSQL cluster that Runway initialises and runs itself on a loopback port. Starting is idempotent:
/// a cluster that is already initialised is reused, one that is already running is left running, and one left
/// by a crashed run (a stale <c>postmaster.pid</c>) is started again by <c>pg_ctl</c>.
/// </summary>
/// <remarks>
/// The server listens on 127.0.0.1 only, with no Unix socket (socket paths have a length limit that deep
/// checkouts exceed), and trusts loopback connections: it is a single-machine development cluster.
/// </remarks>
public sealed partial class LocalCluster(LocalClusterOptions options, PostgresBinaries binaries, ILogger logger)
{
    /// <summary>The cluster's data directory.</summary>
    public string DataDirectory => Path.Combine(options.Directory, "data");

    /// <summary>The server's log file.</summary>
    public string LogFile => Path.Combine(options.Directory, "server.log");

    /// <summary>The port the server listens on.</summary>
    public int Port => options.Port;

    /// <summary>A connection string for <paramref name="database"/> as the superuser <c>postgres</c>.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = options.Port,
        Username = "postgres",
        Database = database,
    }.ConnectionString;

    /// <summary>Initialises the cluster when needed and starts it unless it already runs.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        binaries.EnsureInstalled();
        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
            await InitialiseAsync(cancellationToken).ConfigureAwait(false);
        if (await IsRunningAsync(cancellationToken).ConfigureAwait(false))
        {
            logger.Information("PostgreSQL already running on port {Port} from {DataDirectory}", options.Port, DataDirectory);
            return;
        }
        logger.Information("Starting PostgreSQL on port {Port}", options.Port);
        var result = await ProcessRunner.RunAsync(
            binaries.Command("pg_ctl", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "start"), cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
            throw new InvalidOperationException(
                $"PostgreSQL did not start on port {options.Port} (pg_ctl exit code {result.ExitCode}). Its log is {LogFile}; a common cause is another server on that port.\n{ReadLogTail()}");
    }

    /// <summary>Stops the server (fast shutdown) when it runs.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (!await IsRunningAsync(cancellationToken).ConfigureAwait(false)) return;
        logger.Information("Stopping PostgreSQL on port {Port}", options.Port);
        await ProcessRunner.RunAsync(binaries.Command("pg_ctl", "-D", DataDirectory, "-m", "fast", "-w", "stop"), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>True when a server runs from this cluster's data directory.</summary>
    public async Task<bool> IsRunningAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION"))) return false;
        var status = await ProcessRunner.RunAsync(binaries.Command("pg_ctl", "-D", DataDirectory, "status"), cancellationToken)
            .ConfigureAwait(false);
        return status.ExitCode == 0;
    }

    /// <summary>Creates <paramref name="database"/> unless it exists.</summary>
    public async Task EnsureDatabaseAsync(string database, CancellationToken cancellationToken = default)
    {
        if (!DatabaseName().IsMatch(database))
            throw new ArgumentException($"Database name '{database}' is not valid: use lower-case letters, digits and underscores.", nameof(database));
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = database } } };
        if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null) return;
        if (await InterruptedSwapAsync(connection, database, cancellationToken).ConfigureAwait(false) is { } replaced)
        {
            // A restore was killed while the live data sat under another name: an empty database here would hide it.
            logger.Warning("Not creating database {Database}: its data is in {Replaced} from an interrupted restore, which Rollback repairs", database, replaced);
            return;
        }
        // Identifiers cannot be parameters; the name is validated above.
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
        try
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            logger.Information("Created database {Database}", database);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another run created it between the check and the create.
        }
    }

    private static async Task<string?> InterruptedSwapAsync(NpgsqlConnection connection, string database, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT datname FROM pg_database WHERE starts_with(datname, $1) LIMIT 1", connection)
        { Parameters = { new() { Value = Backups.DatabaseSwap.ReplacedPrefix(database) } } };
        return (string?)await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task InitialiseAsync(CancellationToken cancellationToken)
    {
        logger.Information("Initialising a PostgreSQL cluster in {DataDirectory}", DataDirectory);
        await PrepareDirectoryAsync(cancellationToken).ConfigureAwait(false);
        var result = await ProcessRunner.RunAsync(
            binaries.Command("initdb", "-D", DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions"),
            cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
            throw new InvalidOperationException($"initdb failed for {DataDirectory} (exit code {result.ExitCode}): {result.StandardError.Trim()}");
        await File.AppendAllTextAsync(Path.Combine(DataDirectory, "postgresql.conf"), Settings(), cancellationToken).ConfigureAwait(false);
    }

    private string Settings() => $"""

        # Written by Runway's LocalCluster
        listen_addresses = '127.0.0.1'
        port = {options.Port}
        unix_socket_directories = ''
        max_connections = 200
        {(options.Durable ? "" : "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n")}
        """;

    private async Task PrepareDirectoryAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.Directory);
        if (binaries.RunAsUser is null) return;
        // The server runs as another user: it must own its folder.
        await ProcessRunner.RunAsync(new ProcessSpec("chown", ["-R", $"{binaries.RunAsUser}:{binaries.RunAsUser}", options.Directory]), cancellationToken)
            .ConfigureAwait(false);
    }

    private string ReadLogTail()
    {
        try
        {
            var lines = File.ReadAllLines(LogFile);
            return string.Join('\n', lines.TakeLast(10));
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex DatabaseName();
}
