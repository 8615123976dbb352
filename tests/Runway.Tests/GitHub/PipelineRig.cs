using Runway.Environments.Command;
using Runway.Phases;
using Runway.Processes;
using Runway.Testing;
using Serilog;

namespace Runway.Tests.GitHub;

/// <summary>
/// An adopting repository in a temp folder (a git repository with a small checklist and smoke file) deployed to an
/// environment driven by shell commands, with the ledger in a real PostgreSQL database. Each <see cref="StartAsync"/>
/// is one run (a CI job): its own services over the same ledger.
/// </summary>
public sealed class PipelineRig : IAsyncDisposable
{
    public const string ServiceToken = "svc-token-Runway-5e1f";

    private const string Checklist = """
        # Release checklist

        ## Preparation
        - [ ] All GitHub checks green on the release commit <!-- runway: id=github-checks-green phase=Preparation check=github-checks-green owner=B -->

        ## Rollout
        - [ ] Half the traffic on the release <!-- runway: id=rollout-50 phase=Rollout50 check=rollout-50 owner=B -->
        - [ ] Product owner approves the full rollout <!-- runway: id=po-approval phase=RolloutFull owner=T -->
        - [ ] All traffic on the release <!-- runway: id=rollout-full phase=RolloutFull check=rollout-full owner=B -->
        """;

    private readonly List<DeploymentServices> _runs = [];

    private PipelineRig(string root, string ledger, string healthUrl)
    {
        Root = root;
        Ledger = ledger;
        HealthUrl = healthUrl;
    }

    public string Root { get; }

    public string Ledger { get; }

    /// <summary>The URL the environment reports; its <c>/health/ready</c> answers the smoke probe.</summary>
    public string HealthUrl { get; }

    /// <summary>While this file exists, the set-weights command fails (a broken traffic shift).</summary>
    public string BreakWeightsFile => Path.Combine(Root, "break-weights");

    public string HeadSha { get; private set; } = "";

    public LogCapture Logs { get; } = new();

    /// <summary>The runs started and not yet ended, oldest first.</summary>
    public IReadOnlyList<DeploymentServices> StartedServices => _runs;

    public static async Task<PipelineRig> CreateAsync(PostgresServer server, string environmentUrl)
    {
        var root = Directory.CreateTempSubdirectory("runway-github-pipeline-").FullName;
        var rig = new PipelineRig(root, await server.CreateDatabaseAsync("ghledger"), environmentUrl);
        await rig.InitializeRepositoryAsync();
        return rig;
    }

    public PipelineSettings Settings(GitHubApiServer? github, string release = "2.4.0") => new()
    {
        RootDirectory = Root,
        TemporaryDirectory = Path.Combine(Root, ".nuke", "temp"),
        Environment = "production",
        Release = release,
        StartedBy = "ci",
        LedgerConnectionString = Ledger,
        DatabaseConnectionString = Ledger,
        ServiceToken = ServiceToken,
        SecretValues = [GitHubApiServer.Token, ServiceToken],
        WaiveSignOffs = null,
        GitHub = github?.Options(),
        Commands = new CommandEnvironmentOptions
        {
            Name = "production",
            DeployPool = "true",
            SetWeights = "test ! -e break-weights || { echo 'load balancer refused the weights' >&2; exit 3; }",
            RemovePool = "true",
            ReadInstances = $$"""echo '{"url":"{{HealthUrl}}","pools":[{"release":"2.3.0","weight":100,"instances":[{"url":"{{HealthUrl}}"}]},{"release":"2.4.0","weight":0,"instances":[{"url":"{{HealthUrl}}"}]}]}'""",
            WorkingDirectory = Root,
        },
    };

    /// <summary>One run's services (a CI job): disposed with the rig.</summary>
    public async Task<DeploymentServices> StartAsync(PipelineSettings settings)
    {
        var services = await DeploymentServices.CreateAsync(settings, _ => { }, Logs.Logger, CancellationToken.None);
        _runs.Add(services);
        return services;
    }

    /// <summary>Ends a run: releases the environment lock as a finished CI job does.</summary>
    public async Task EndAsync(DeploymentServices services)
    {
        _runs.Remove(services);
        await services.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var run in _runs) await run.DisposeAsync();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private async Task InitializeRepositoryAsync()
    {
        Directory.CreateDirectory(Path.Combine(Root, "deploy", "migrations"));
        await File.WriteAllTextAsync(Path.Combine(Root, "deploy", "checklist.md"), Checklist + "\n");
        await File.WriteAllTextAsync(Path.Combine(Root, "deploy", "smoke.json"),
            """{"probes":[{"name":"ready","path":"/health/ready","expectedStatus":200,"proves":"smoke-passed"}]}""");
        await File.WriteAllTextAsync(Path.Combine(Root, ".gitignore"), ".nuke/temp/\nbreak-weights\n");
        await GitAsync("init", "-q");
        await GitAsync("add", "-A");
        await GitAsync("-c", "user.name=Runway Tests", "-c", "user.email=tests@example.com", "commit", "-q", "-m", "release");
        HeadSha = (await GitAsync("rev-parse", "HEAD")).Trim();
    }

    private async Task<string> GitAsync(params string[] arguments) =>
        (await ProcessRunner.RunAsync(new ProcessSpec("git", ["-C", Root, .. arguments]))).EnsureSuccess().StandardOutput;
}
