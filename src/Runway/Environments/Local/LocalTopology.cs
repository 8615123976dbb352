using System.Security.Cryptography;
using Runway.Database;
using Runway.Phases;
using Runway.Smoke;
using Serilog;

namespace Runway.Environments.Local;

/// <summary>
/// The embedded default: a PostgreSQL cluster under the temporary folder holding the ledger and the service's
/// databases, the environment and a staging stand-in as local router + replicas, and a signing key for the service.
/// </summary>
public static class LocalTopology
{
    /// <summary>The ledger's database in the local cluster.</summary>
    public const string LedgerDatabase = "runway_ledger";

    /// <summary>Starts (or reuses) the cluster and databases and describes the local environments.</summary>
    public static async Task<Topology> CreateAsync(PipelineSettings settings, HttpClient http, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var cluster = Cluster(settings, logger);
        await cluster.StartAsync(cancellationToken).ConfigureAwait(false);
        var database = DatabaseName(settings.Environment);
        foreach (var name in new[] { LedgerDatabase, database, DatabaseName("staging") })
            await cluster.EnsureDatabaseAsync(name, cancellationToken).ConfigureAwait(false);
        var key = SigningKey(settings.TemporaryDirectory);
        var environment = Environment(settings, settings.Environment, settings.RouterPort, settings.RouterAdminPort, settings.Replicas,
            cluster.ConnectionString(database), key, http, logger);
        var staging = Environment(settings, "staging", settings.StagingRouterPort, settings.StagingRouterAdminPort, settings.StagingReplicas,
            cluster.ConnectionString(DatabaseName("staging")), key, http, logger);
        return new Topology(
            cluster.ConnectionString(LedgerDatabase),
            cluster.ConnectionString(database),
            environment,
            new StagingTarget(staging, cluster.ConnectionString(DatabaseName("staging"))),
            settings.ServiceToken ?? SampleToken.Create(key, "runway-pipeline", TimeSpan.FromHours(12), time),
            async token =>
            {
                await environment.DownAsync(token).ConfigureAwait(false);
                await staging.DownAsync(token).ConfigureAwait(false);
                await cluster.StopAsync(token).ConfigureAwait(false);
            },
            (release, name) => Configuration(settings, release, cluster.ConnectionString(database), key).GetValueOrDefault(name));
    }

    /// <summary>
    /// Down while the cluster is stopped: stops the replicas and routers the state files record, and leaves the cluster
    /// as it is (starting one just to stop it would initialise it on a fresh checkout). No run can hold the environment
    /// then: its lock lives in that cluster.
    /// </summary>
    public static async Task DownWithoutClusterAsync(PipelineSettings settings, HttpClient http, ILogger logger, CancellationToken cancellationToken)
    {
        await Environment(settings, settings.Environment, settings.RouterPort, settings.RouterAdminPort, settings.Replicas, "", "", http, logger)
            .DownAsync(cancellationToken).ConfigureAwait(false);
        await Environment(settings, "staging", settings.StagingRouterPort, settings.StagingRouterAdminPort, settings.StagingReplicas, "", "", http, logger)
            .DownAsync(cancellationToken).ConfigureAwait(false);
        logger.Information("The PostgreSQL cluster under {Directory} is already stopped (or was never created): left as it is", Path.Combine(settings.TemporaryDirectory, "postgres"));
    }

    /// <summary>The local cluster of these settings, started or not.</summary>
    public static LocalCluster Cluster(PipelineSettings settings, ILogger logger) =>
        new(new LocalClusterOptions(Path.Combine(settings.TemporaryDirectory, "postgres"), settings.PostgresPort), PostgresBinaries.Default, logger);

    private static LocalEnvironment Environment(PipelineSettings settings, string name, int port, int adminPort, int replicas, string database,
        string key, HttpClient http, ILogger logger)
    {
        var releases = new ReleasePublisher(settings.Resolve(settings.ServiceProject), Path.Combine(settings.TemporaryDirectory, "releases"), logger);
        var router = new ReleasePublisher(settings.Resolve(settings.RouterProject), Path.Combine(settings.TemporaryDirectory, "router"), logger);
        return new LocalEnvironment(new LocalEnvironmentOptions
        {
            Name = name,
            StateDirectory = Path.Combine(settings.TemporaryDirectory, "environments", name),
            RouterPort = port,
            RouterAdminPort = adminPort,
            Replicas = replicas,
            // Only the release being deployed is built from this checkout; any other (the baseline, a rollback's
            // target) runs the files it was published with.
            PublishRelease = (release, token) => releases.PublishAsync(release, Path.GetFileNameWithoutExtension(settings.ServiceProject) + ".dll",
                fromCurrentSources: release == settings.Release, token),
            DescribeRelease = releases.Describe,
            PublishRouter = token => router.PublishCurrentAsync("Runway.Router.dll", token),
            ServiceAssembly = Path.GetFileNameWithoutExtension(settings.ServiceProject) + ".dll",
            ReleaseConfiguration = release => Configuration(settings, release, database, key),
        }, http, logger);
    }

    // Only the release being deployed gets the misbehaviour settings: they stand for a bad build of that release.
    private static Dictionary<string, string> Configuration(PipelineSettings settings, string release, string database, string key)
    {
        var configuration = new Dictionary<string, string>
        {
            ["ConnectionStrings__Sample"] = database,
            ["Sample__JwtSigningKey"] = key,
            ["Sample__Release"] = release,
        };
        if (release != settings.Release) return configuration;
        configuration["Sample__ErrorRate"] = settings.SampleErrorRate.ToString(System.Globalization.CultureInfo.InvariantCulture);
        configuration["Sample__ExtraLatencyMs"] = settings.SampleExtraLatencyMs.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return configuration;
    }

    private static string DatabaseName(string environment) => "sample_" + new string(environment.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());

    // The key is made once per checkout and kept beside the cluster (mode 600); it never leaves this machine.
    private static string SigningKey(string temporaryDirectory)
    {
        var file = Path.Combine(temporaryDirectory, "sample-signing.key");
        if (File.Exists(file)) return File.ReadAllText(file).Trim();
        Directory.CreateDirectory(temporaryDirectory);
        var key = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        // Created with mode 600 and renamed into place: never readable by others, never torn.
        Runway.Files.AtomicFile.WriteAllText(file, key, Runway.Files.AtomicFile.OwnerOnly);
        return key;
    }
}
