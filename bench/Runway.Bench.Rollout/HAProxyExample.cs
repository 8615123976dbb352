using System.Globalization;
using Runway.Database;
using Runway.Environments.Local;
using Runway.Processes;
using Runway.Smoke;
using Serilog.Core;

namespace Runway.Bench.Rollout;

/// <summary>
/// The production example (deploy/examples/haproxy-prometheus) for a bench root: a throwaway PostgreSQL cluster for the
/// ledger and the databases, the example's own start.sh (a real HAProxy and Prometheus on free ports) and stop.sh, and
/// the variables every run of the profile gets.
/// </summary>
internal sealed class HAProxyExample(string repository, BenchRoot root, BenchSettings settings)
{
    public const string Profile = "haproxy-prometheus";
    public const string Directory = "deploy/examples/haproxy-prometheus";
    private const string SigningKey = "runway-bench-haproxy-signing-key-0123456789";
    private readonly string _clusterDirectory = Path.Combine(Path.GetTempPath(), "runway-bench-haproxy-pg-" + Guid.NewGuid().ToString("N")[..8]);
    private LocalCluster? _cluster;

    /// <summary>The variables of every run (filled by <see cref="StartAsync"/>).</summary>
    public Dictionary<string, string> Variables { get; } = [];

    public string HAProxyUrl => Variables["RUNWAY_HAPROXY_URL"];

    public string LedgerConnectionString => Variables["RUNWAY_LEDGER_CONNECTION_STRING"];

    /// <summary>A token of the example's signing key for <paramref name="subject"/> (its own rate-limit bucket).</summary>
    public static string Token(string subject) => SampleToken.Create(SigningKey, subject, TimeSpan.FromHours(2), TimeProvider.System);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _cluster = new LocalCluster(new LocalClusterOptions(_clusterDirectory, LoopbackPort.Free(), Durable: false), PostgresBinaries.Default, Logger.None);
        await _cluster.StartAsync(cancellationToken);
        foreach (var database in new[] { "runway_ledger", "example", "example_staging" })
            await _cluster.EnsureDatabaseAsync(database, cancellationToken);
        var state = Path.Combine(root.TemporaryDirectory, "example");
        System.IO.Directory.CreateDirectory(state);
        var (haproxy, staging, prometheus) = (Text(LoopbackPort.Free()), Text(LoopbackPort.Free()), Text(LoopbackPort.Free()));
        foreach (var (name, value) in new Dictionary<string, string>
        {
            ["EXAMPLE_STATE"] = state, ["EXAMPLE_REPLICAS"] = Text(settings.Replicas),
            ["EXAMPLE_SERVICE_PROJECT"] = Path.Combine(repository, "src", "Runway.Sample", "Runway.Sample.csproj"),
            ["HAPROXY_PORT"] = haproxy, ["STAGING_PORT"] = staging, ["PROMETHEUS_PORT"] = prometheus,
            ["RUNWAY_HAPROXY_SOCKET"] = Path.Combine(state, "haproxy.sock"), ["RUNWAY_HAPROXY_URL"] = $"http://127.0.0.1:{haproxy}",
            ["RUNWAY_STAGING_HAPROXY_URL"] = $"http://127.0.0.1:{staging}", ["RUNWAY_PROMETHEUS_URL"] = $"http://127.0.0.1:{prometheus}",
            ["RUNWAY_LEDGER_CONNECTION_STRING"] = _cluster.ConnectionString("runway_ledger"),
            ["RUNWAY_DATABASE_CONNECTION_STRING"] = _cluster.ConnectionString("example"),
            ["RUNWAY_STAGING_DATABASE_CONNECTION_STRING"] = _cluster.ConnectionString("example_staging"),
            ["RUNWAY_SERVICE_TOKEN"] = Token("runway-pipeline"),
            ["ConnectionStrings__Sample"] = _cluster.ConnectionString("example"),
            ["Sample__JwtSigningKey"] = SigningKey,
        })
            Variables[name] = value;
        (await ScriptAsync("start.sh", cancellationToken)).EnsureSuccess();
    }

    public async Task StopAsync()
    {
        if (Variables.Count > 0) await ScriptAsync("stop.sh", CancellationToken.None);
        if (_cluster is not null) await _cluster.StopAsync(CancellationToken.None);
        if (System.IO.Directory.Exists(_clusterDirectory)) System.IO.Directory.Delete(_clusterDirectory, recursive: true);
    }

    private Task<ProcessResult> ScriptAsync(string script, CancellationToken cancellationToken) => ProcessRunner.RunAsync(
        new ProcessSpec("sh", [Path.Combine(root.Directory, Directory, "scripts", script)]) { WorkingDirectory = root.Directory, Environment = Variables }, cancellationToken);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
