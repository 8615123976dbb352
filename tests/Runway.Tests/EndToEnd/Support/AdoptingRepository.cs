using System.Globalization;
using System.Text.Json.Nodes;
using Npgsql;
using Runway.Processes;
using Runway.Testing;
using Runway.Tests.Support;

namespace Runway.Tests.EndToEnd.Support;

/// <summary>
/// An isolated repository that adopts Runway, laid out as this one (see <see cref="RepositoryFiles"/>): the neutral
/// <c>.nuke/parameters.json</c> (here with free ports), the local and gated profiles (a short bake, this repository's
/// sample and router), copies of <c>deploy/</c> and <c>samples/</c>, committed in git. Targets run
/// through this repository's <c>build.sh</c> as real processes with <c>--root</c> pointing here, so every piece of
/// state (cluster, replicas, routers, ledger, backups, reports) lives under this folder's <c>.nuke/temp</c>.
/// </summary>
public sealed class AdoptingRepository : IAsyncDisposable
{
    // RUNWAY_E2E_TIMEOUT_MINUTES stretches it on a machine shared with much other work.
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(
        int.TryParse(Environment.GetEnvironmentVariable("RUNWAY_E2E_TIMEOUT_MINUTES"), out var minutes) && minutes > 0 ? minutes : 4);

    // False for a clone: what it runs against belongs to the repository it was cloned from, whose Down stops it.
    private readonly bool _ownsEnvironment;

    private AdoptingRepository(string directory, LocalPorts ports, bool ownsEnvironment = true)
    {
        Directory = directory;
        Ports = ports;
        _ownsEnvironment = ownsEnvironment;
    }

    /// <summary>The repository's folder (the <c>--root</c> of every run).</summary>
    public string Directory { get; }

    /// <summary>The loopback ports this repository's environment uses.</summary>
    public LocalPorts Ports { get; }

    /// <summary>The URL users reach: the local router.</summary>
    public Uri RouterUrl => new($"http://127.0.0.1:{Ports.Router}");

    /// <summary>The deployed service's database in this repository's cluster.</summary>
    public string SampleDatabase => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = Ports.Postgres, Username = "postgres", Database = "sample_local", Pooling = false,
    }.ConnectionString;

    /// <summary>The ledger database in this repository's cluster.</summary>
    public string LedgerDatabase => new NpgsqlConnectionStringBuilder(SampleDatabase) { Database = "runway_ledger" }.ConnectionString;

    /// <summary>Where Runway keeps this repository's state.</summary>
    public string TemporaryDirectory => Path.Combine(Directory, ".nuke", "temp");

    /// <summary>Where the sample's migrations are (the local profile's <c>MigrationsDirectory</c>), relative to <see cref="Directory"/>.</summary>
    public const string MigrationsDirectory = RepositoryFiles.MigrationsDirectory;

    /// <summary>Creates and commits the repository; <paramref name="parameters"/> are added to the local and gated profiles.</summary>
    public static async Task<AdoptingRepository> CreateAsync(string name, IReadOnlyDictionary<string, JsonNode?>? parameters = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"runway-e2e-{name}-{Guid.NewGuid().ToString("N")[..6]}");
        var repository = new AdoptingRepository(directory, LocalPorts.Free());
        RepositoryFiles.Write(directory, repository.Ports, parameters);
        await PublishedBuilds.SeedAsync(repository.TemporaryDirectory);
        await repository.GitAsync("init", "-q");
        // --plan writes .nuke/build.schema.json, which must be committed: Preparation refuses a dirty tree.
        (await repository.RunAsync("--plan")).ShouldSucceed("--plan");
        await repository.CommitAsync("Adopt Runway");
        return repository;
    }

    /// <summary>
    /// A fresh <c>git clone</c> of this repository in a folder of its own, as another runner of a staged workflow has
    /// it: none of this repository's files under <c>.nuke/temp</c> (no backup archive), only links to the
    /// <paramref name="shared"/> entries there — what that runner would reach over the network (the local profile keeps
    /// the ledger's cluster and the environment's processes, releases and signing key there).
    /// </summary>
    public async Task<AdoptingRepository> CloneAsync(string name, params string[] shared)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"runway-e2e-{name}-{Guid.NewGuid().ToString("N")[..6]}");
        var result = await ProcessRunner.RunAsync(new ProcessSpec("git", ["clone", "-q", Directory, directory]));
        if (!result.Succeeded) throw new InvalidOperationException($"git clone failed: {result.StandardError}");
        var clone = new AdoptingRepository(directory, Ports, ownsEnvironment: false);
        System.IO.Directory.CreateDirectory(clone.TemporaryDirectory);
        foreach (var entry in shared)
        {
            var target = Path.Combine(TemporaryDirectory, entry);
            if (System.IO.Directory.Exists(target)) System.IO.Directory.CreateSymbolicLink(Path.Combine(clone.TemporaryDirectory, entry), target);
            else File.CreateSymbolicLink(Path.Combine(clone.TemporaryDirectory, entry), target);
        }
        await PublishedBuilds.SeedAsync(clone.TemporaryDirectory, shared);
        return clone;
    }

    /// <summary>Runs <c>build.sh ARGS --root DIR --no-logo</c> to completion (or the timeout) and returns its exit code and output.</summary>
    public async Task<BuildRun> RunAsync(params string[] arguments)
    {
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        var result = await ProcessRunner.RunAsync(BuildSpec(arguments), timeout.Token);
        return new BuildRun(string.Join(' ', arguments), result.ExitCode, result.StandardOutput + result.StandardError);
    }

    /// <summary>Like <see cref="RunAsync"/>, with extra environment variables for the build (e.g. a test-only fault injection).</summary>
    public async Task<BuildRun> RunWithEnvironmentAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        var spec = BuildSpec(arguments);
        var result = await ProcessRunner.RunAsync(spec with { Environment = new Dictionary<string, string>(spec.Environment.Concat(environment)) }, timeout.Token);
        return new BuildRun(string.Join(' ', arguments), result.ExitCode, result.StandardOutput + result.StandardError);
    }

    /// <summary>Like <see cref="RunAsync"/>, through <c>pwsh build.ps1</c> instead of build.sh (<paramref name="pwsh"/>: the PowerShell executable).</summary>
    public async Task<BuildRun> RunThroughPowerShellAsync(string pwsh, params string[] arguments)
    {
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        var spec = BuildSpec(arguments);
        var result = await ProcessRunner.RunAsync(
            spec with { FileName = pwsh, Arguments = ["-NoProfile", "-NonInteractive", "-File", Path.Combine(RepositoryRoot.Path, "build.ps1"), .. spec.Arguments] },
            timeout.Token);
        return new BuildRun("(build.ps1) " + string.Join(' ', arguments), result.ExitCode, result.StandardOutput + result.StandardError);
    }

    /// <summary>
    /// Starts <c>pwsh build.ps1 ARGS</c> without waiting, in a session of its own (<c>setsid</c> execs env, which execs pwsh, so the
    /// process id is also the group's): <see cref="RunningBuild.SignalGroupAsync"/> then reaches every process of the
    /// run, as Ctrl+C at a terminal does.
    /// </summary>
    public RunningBuild StartThroughPowerShell(string pwsh, params string[] arguments)
    {
        var spec = BuildSpec(arguments);
        return RunningBuild.Start(spec with
        {
            FileName = "setsid",
            // env --default-signal=INT: a process started with SIGINT ignored (a job in the background of a
            // non-interactive shell) passes that on through every .NET process below it, and the test's Ctrl+C would
            // never reach the build; at a terminal it is delivered.
            Arguments = ["env", "--default-signal=INT", pwsh, "-NoProfile", "-NonInteractive", "-File", Path.Combine(RepositoryRoot.Path, "build.ps1"), .. spec.Arguments],
        });
    }

    /// <summary>Starts <c>build.sh ARGS</c> without waiting for it, for tests that watch or kill a running build.</summary>
    public RunningBuild Start(params string[] arguments) => RunningBuild.Start(BuildSpec(arguments));

    /// <summary>The environment as <c>Status --json --verbosity quiet</c> prints it.</summary>
    public async Task<JsonObject> StatusAsync()
    {
        var run = await RunAsync("Status", "--json", "--verbosity", "quiet");
        run.ShouldSucceed("Status --json");
        try
        {
            return JsonNode.Parse(run.Output)?.AsObject() ?? throw new InvalidOperationException($"Status printed no JSON:\n{run.Output}");
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new InvalidOperationException($"Status printed more than its JSON ({ex.Message}):\n{run.Output}", ex);
        }
    }

    /// <summary>Sends <paramref name="requests"/> requests to <c>/version</c> through the router, as users would; returns each answer's status and <c>X-Release</c>.</summary>
    public async Task<IReadOnlyList<(int Status, string? Release)>> AskRouterAsync(int requests)
    {
        using var http = new HttpClient { BaseAddress = RouterUrl, Timeout = TimeSpan.FromSeconds(10) };
        var answers = new List<(int, string?)>();
        for (var i = 0; i < requests; i++)
        {
            using var response = await http.GetAsync(new Uri("/version", UriKind.Relative));
            answers.Add(((int)response.StatusCode, response.Headers.TryGetValues("X-Release", out var values) ? values.Single() : null));
        }
        return answers;
    }

    /// <summary>Writes <paramref name="relativePath"/> and commits it, as a developer adding a file would.</summary>
    public async Task AddAndCommitAsync(string relativePath, string content, string message)
    {
        await File.WriteAllTextAsync(Path.Combine(Directory, relativePath), content);
        await CommitAsync(message);
    }

    /// <summary>Runs one scalar query against <paramref name="connectionString"/>.</summary>
    public static async Task<T?> QueryAsync<T>(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        var scalar = await command.ExecuteScalarAsync();
        return scalar is null or DBNull ? default : (T)Convert.ChangeType(scalar, typeof(T), CultureInfo.InvariantCulture);
    }

    /// <summary>Stops everything this repository started (<c>Down</c>) and deletes it.</summary>
    public async ValueTask DisposeAsync()
    {
        // --force: a test that failed may leave a killed run's deployment orphaned, which a plain Down refuses.
        if (_ownsEnvironment) await RunAsync("Down", "--force");
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>The commit the repository's HEAD points at (the release commit of the next run).</summary>
    public async Task<string> HeadShaAsync()
    {
        var result = await ProcessRunner.RunAsync(new ProcessSpec("git", ["rev-parse", "HEAD"]) { WorkingDirectory = Directory });
        if (!result.Succeeded) throw new InvalidOperationException($"git rev-parse HEAD failed: {result.StandardError}");
        return result.StandardOutput.Trim();
    }

    private async Task CommitAsync(string message)
    {
        await GitAsync("add", "-A");
        await GitAsync("-c", "user.name=Runway E2E", "-c", "user.email=e2e@runway.invalid", "commit", "-q", "-m", message);
    }

    private async Task GitAsync(params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync(new ProcessSpec("git", arguments) { WorkingDirectory = Directory });
        if (!result.Succeeded) throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed: {result.StandardError}");
    }

    private ProcessSpec BuildSpec(string[] arguments) =>
        new(Path.Combine(RepositoryRoot.Path, "build.sh"), [.. arguments, "--root", Directory, "--no-logo"])
        {
            WorkingDirectory = Directory,
            // Not a terminal: an inconclusive canary fails instead of asking.
            Environment = new Dictionary<string, string> { ["CI"] = "true" },
        };
}
