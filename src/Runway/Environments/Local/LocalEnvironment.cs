using Runway.Processes;
using Serilog;

namespace Runway.Environments.Local;

/// <summary>
/// Runs release pools as processes on loopback ports behind the local router. Everything it starts outlives the
/// command and is found again through its state file, so Status, Down and the next phase see the same processes.
/// </summary>
public sealed class LocalEnvironment(LocalEnvironmentOptions options, HttpClient http, ILogger logger) : IEnvironmentProvider
{
    private readonly RouterClient _router = new(http, options.RouterAdminPort, Path.Combine(options.StateDirectory, "router.token"));
    private readonly ReadinessProbe _readiness = new(http, options.ReadinessTimeout);

    private string StateFile => Path.Combine(options.StateDirectory, "state.json");

    /// <inheritdoc />
    public string Name => options.Name;

    /// <summary>The router's admin client: the run's fence and traffic lease go through it.</summary>
    public RouterClient Router => _router;

    /// <summary>The URL users reach.</summary>
    public string Url => $"http://127.0.0.1:{options.RouterPort}";

    /// <summary>What <paramref name="release"/>'s artifact is (sources hash, digest), or null when it was never published here.</summary>
    public ReleaseManifest? Artifact(string release) => options.DescribeRelease(release);

    /// <inheritdoc />
    public Task<PoolSnapshot> DeployPoolAsync(string release, CancellationToken cancellationToken) =>
        DeployPoolAsync(release, options.Replicas, cancellationToken);

    /// <summary>
    /// Starts the pool keyed <paramref name="release"/> with <paramref name="replicas"/> replicas (a fresh baseline gets
    /// as many as the canary it is compared with); a <see cref="PoolName.Baseline"/> key runs its release's artifact.
    /// </summary>
    public async Task<PoolSnapshot> DeployPoolAsync(string release, int replicas, CancellationToken cancellationToken)
    {
        await EnsureRouterAsync(cancellationToken).ConfigureAwait(false);
        var state = LocalState.Load(StateFile);
        if (state.Pools.TryGetValue(release, out var running) && running.All(i => DetachedProcess.IsAlive(i.ProcessId)))
        {
            logger.Information("Pool {Release} already runs with {Replicas} replicas", release, running.Count);
            return await PoolAsync(release, cancellationToken).ConfigureAwait(false);
        }
        var folder = await options.PublishRelease(PoolName.Release(release), cancellationToken).ConfigureAwait(false);
        // Replicas that are gone are replaced; the live ones keep serving meanwhile.
        var alive = running?.Where(i => DetachedProcess.IsAlive(i.ProcessId)).ToList() ?? [];
        if (running is not null)
            logger.Warning("Pool {Release}: {Dead} of {Replicas} replicas are gone; starting replacements", release, running.Count - alive.Count, running.Count);
        var started = Enumerable.Range(alive.Count, Math.Max(0, replicas - alive.Count)).Select(i => StartReplica(folder, release, i)).ToList();
        var instances = alive.Concat(started).ToList();
        LocalState.Load(StateFile).WithPool(release, instances).Save(StateFile);
        await WaitReadyAsync(release, started, alive, cancellationToken).ConfigureAwait(false);
        // The new pool joins the router at weight 0 beside the pools that carry traffic now; the first pool of an
        // empty router joins at the first SetWeights, since a table must always split all traffic.
        // Only Runway's pools count: a pool set on the router by hand is not carried into the table.
        var pools = LocalState.Load(StateFile).Pools;
        var weights = (await CurrentWeightsAsync(cancellationToken).ConfigureAwait(false)).Where(w => pools.ContainsKey(w.Key)).ToDictionary();
        if (weights.Values.Sum() == 100)
            await PutTableAsync(weights, cancellationToken).ConfigureAwait(false);
        logger.Information("Pool {Release} ready: {Replicas} replicas on ports {Ports}", release, instances.Count, instances.Select(i => i.Port));
        return await PoolAsync(release, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task SetWeightsAsync(IReadOnlyDictionary<string, int> weights, CancellationToken cancellationToken)
    {
        var state = LocalState.Load(StateFile);
        var unknown = weights.Keys.Where(r => !state.Pools.ContainsKey(r)).ToList();
        if (unknown.Count > 0)
            throw new InvalidOperationException($"No pool runs for release {string.Join(", ", unknown)} in environment {Name}; deploy it first.");
        await PutTableAsync(weights, cancellationToken).ConfigureAwait(false);
        logger.Information("Traffic in {Environment} now {Weights}", Name, Describe(weights));
    }

    /// <inheritdoc />
    public async Task RemovePoolAsync(string release, CancellationToken cancellationToken)
    {
        var state = LocalState.Load(StateFile);
        if (!state.Pools.TryGetValue(release, out var instances)) return;
        await EnsureRouterAsync(cancellationToken).ConfigureAwait(false);
        var weights = await CurrentWeightsAsync(cancellationToken).ConfigureAwait(false);
        // The only pool may go (the router is then empty); otherwise traffic must be elsewhere first.
        if (weights.GetValueOrDefault(release) > 0 && state.Pools.Count > 1)
            throw new InvalidOperationException($"Release {release} still gets {weights[release]}% of traffic in {Name}; shift traffic away before removing its pool.");
        // The router answers once requests in flight to the removed pool have finished: then the processes can go.
        await PutTableAsync(weights.Where(w => w.Key != release).ToDictionary(), cancellationToken, exclude: release).ConfigureAwait(false);
        await StopInstancesAsync(instances, cancellationToken).ConfigureAwait(false);
        LocalState.Load(StateFile).WithPool(release, null).Save(StateFile);
        logger.Information("Removed pool {Release} from {Environment}", release, Name);
    }

    /// <inheritdoc />
    public async Task<EnvironmentSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var state = LocalState.Load(StateFile);
        // No router yet (nothing deployed, or after Down): nothing to ask, and Status must still answer.
        var table = state.Router is null ? [] : await TableOrNoneAsync(state.Router, cancellationToken).ConfigureAwait(false);
        var pools = state.Pools.Select(p => Snapshot(p.Key, table.FirstOrDefault(r => r.Release == p.Key)?.Weight ?? 0, p.Value)).ToList();
        // What the router routes to beyond Runway's pools was put there by hand: users reach it, so it is shown.
        var unmanaged = table.Where(r => !state.Pools.ContainsKey(r.Release))
            .Select(r => new PoolSnapshot(r.Release, r.Weight, r.Destinations.Select(d => new InstanceSnapshot(d, null)).ToList()))
            .ToList();
        return new EnvironmentSnapshot(Name, state.Router is null ? null : Url, pools) { Unmanaged = unmanaged };
    }

    /// <summary>Stops every pool and the router, and forgets them.</summary>
    public async Task DownAsync(CancellationToken cancellationToken)
    {
        var state = LocalState.Load(StateFile);
        foreach (var (release, instances) in state.Pools)
        {
            logger.Information("Stopping pool {Release} of {Environment}", release, Name);
            await StopInstancesAsync(instances, cancellationToken).ConfigureAwait(false);
        }
        if (state.Router is { } router)
        {
            logger.Information("Stopping the router of {Environment}", Name);
            if (!await DetachedProcess.StopRecordedAsync(router.ProcessId, router.StartTime, router.CommandLine, options.StopGrace, cancellationToken).ConfigureAwait(false))
                WarnNotOurs(router.ProcessId);
        }
        LocalState.Empty.Save(StateFile);
        File.Delete(Path.Combine(options.StateDirectory, "routes.json"));
    }

    private async Task EnsureRouterAsync(CancellationToken cancellationToken)
    {
        var state = LocalState.Load(StateFile);
        var health = await _router.CheckHealthAsync(cancellationToken).ConfigureAwait(false);
        if (state.Router is { } router && DetachedProcess.IsAlive(router.ProcessId) && health == RouterHealth.Healthy)
            return;
        if (health != RouterHealth.Unreachable)
            throw new InvalidOperationException(
                $"Port {options.RouterAdminPort} already answers as a router that environment {Name} did not start. Stop it, or set other router ports for this environment.");
        if (state.Router is { } dead)
            logger.Warning("The router of {Environment} was not running (pid {ProcessId} does not answer on port {AdminPort}): starting it again with its saved table",
                Name, dead.ProcessId, dead.AdminPort);
        var folder = await options.PublishRouter(cancellationToken).ConfigureAwait(false);
        var spec = new ProcessSpec("dotnet", [Path.Combine(folder, options.RouterAssembly),
            "--port", Invariant(options.RouterPort), "--admin-port", Invariant(options.RouterAdminPort),
            "--state-file", Path.Combine(options.StateDirectory, "routes.json"), "--token-file", Path.Combine(options.StateDirectory, "router.token")]);
        var log = Path.Combine(options.StateDirectory, "logs", "router.log");
        var processId = DetachedProcess.Start(spec, log);
        (state with { Router = new LocalRouter(options.RouterPort, options.RouterAdminPort, processId, DetachedProcess.StartTimeOf(processId), DetachedProcess.CommandLineOf(spec)) })
            .Save(StateFile);
        await _readiness.WaitAsync("the router", $"http://127.0.0.1:{options.RouterAdminPort}/health",
            async token => await _router.CheckHealthAsync(token).ConfigureAwait(false) == RouterHealth.Healthy,
            () => DetachedProcess.IsAlive(processId), log, cancellationToken).ConfigureAwait(false);
        logger.Information("Router of {Environment} listening on {Url}", Name, Url);
    }

    private LocalInstance StartReplica(string folder, string release, int index)
    {
        var port = LoopbackPort.Free();
        var spec = new ProcessSpec("dotnet", [Path.Combine(folder, options.ServiceAssembly), "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = folder,
            Environment = options.ReleaseConfiguration(PoolName.Release(release)),
        };
        var processId = DetachedProcess.Start(spec, ReplicaLog(release, index));
        return new LocalInstance(port, processId, DetachedProcess.StartTimeOf(processId), DetachedProcess.CommandLineOf(spec));
    }

    private string ReplicaLog(string release, int index) => Path.Combine(options.StateDirectory, "logs", $"{release}-{index}.log");

    private async Task WaitReadyAsync(string release, IReadOnlyList<LocalInstance> instances, IReadOnlyList<LocalInstance> kept, CancellationToken cancellationToken)
    {
        try
        {
            // The replicas started now are numbered after the ones kept (see DeployPoolAsync), and so are their logs.
            await Task.WhenAll(instances.Select((i, k) => _readiness.WaitAsync(
                $"replica of {release} on port {i.Port}", $"http://127.0.0.1:{i.Port}/health/ready", () => DetachedProcess.IsAlive(i.ProcessId),
                ReplicaLog(release, kept.Count + k), cancellationToken)))
                .ConfigureAwait(false);
        }
        catch
        {
            await StopInstancesAsync(instances, CancellationToken.None).ConfigureAwait(false);
            LocalState.Load(StateFile).WithPool(release, kept.Count == 0 ? null : kept).Save(StateFile);
            throw;
        }
    }

    // A router that died serves nobody: every pool gets 0 % until a run starts it again. Reading starts nothing
    // (Status must stay harmless), so it says what is wrong and what starts it again.
    private async Task<IReadOnlyList<RoutePool>> TableOrNoneAsync(LocalRouter router, CancellationToken cancellationToken)
    {
        try
        {
            return (await _router.GetAsync(cancellationToken).ConfigureAwait(false)).Pools;
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError == HttpRequestError.ConnectionError)
        {
            logger.Warning("The router of {Environment} (pid {ProcessId}) does not answer on port {AdminPort}: no traffic reaches any pool. " +
                           "./build.sh Rollback, or a Deploy, starts it again with its saved table", Name, router.ProcessId, router.AdminPort);
            return [];
        }
    }

    private async Task<Dictionary<string, int>> CurrentWeightsAsync(CancellationToken cancellationToken)
    {
        var table = await _router.GetAsync(cancellationToken).ConfigureAwait(false);
        return table.Pools.ToDictionary(p => p.Release, p => p.Weight);
    }

    // A router that died serves nobody, and a rollback's flip must restore service, not fail on "connection refused":
    // the router is started again (from its saved table) and the table put once more. The flip itself stays one PUT.
    private async Task PutTableAsync(IReadOnlyDictionary<string, int> weights, CancellationToken cancellationToken, string? exclude = null)
    {
        var state = LocalState.Load(StateFile);
        var pools = state.Pools.Where(p => p.Key != exclude)
            .Select(p => new RoutePool(p.Key, weights.GetValueOrDefault(p.Key), p.Value.Select(i => $"http://127.0.0.1:{i.Port}").ToList()))
            .ToList();
        try
        {
            await _router.PutAsync(pools, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError == HttpRequestError.ConnectionError)
        {
            await EnsureRouterAsync(cancellationToken).ConfigureAwait(false);
            await _router.PutAsync(pools, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<PoolSnapshot> PoolAsync(string release, CancellationToken cancellationToken) =>
        (await ReadAsync(cancellationToken).ConfigureAwait(false)).Pool(release)!;

    // Only processes that are still the ones Runway started: a recycled pid, or one written into state.json by hand, is left alone.
    private async Task StopInstancesAsync(IEnumerable<LocalInstance> instances, CancellationToken cancellationToken) =>
        await Task.WhenAll(instances.Select(async i =>
        {
            if (!await DetachedProcess.StopRecordedAsync(i.ProcessId, i.StartTime, i.CommandLine, options.StopGrace, cancellationToken).ConfigureAwait(false))
                WarnNotOurs(i.ProcessId);
        })).ConfigureAwait(false);

    private void WarnNotOurs(int processId) =>
        logger.Warning("Left pid {ProcessId} alone: it is not the process Runway started (start time or command line differ)", processId);

    private static PoolSnapshot Snapshot(string release, int weight, IReadOnlyList<LocalInstance> instances) =>
        new(release, weight, instances.Select(i => new InstanceSnapshot($"http://127.0.0.1:{i.Port}", i.ProcessId)).ToList());

    private static string Describe(IReadOnlyDictionary<string, int> weights) =>
        string.Join(", ", weights.OrderByDescending(w => w.Value).Select(w => $"{w.Key}={w.Value}%"));

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
