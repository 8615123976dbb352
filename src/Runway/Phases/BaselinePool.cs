using System.Text.Json.Nodes;
using Runway.Canary;
using Runway.Environments;
using Runway.Environments.Local;
using Runway.Ledger;
using Runway.Service.Metrics;
using Serilog;

namespace Runway.Phases;

/// <summary>
/// The pool a canary is judged against during its bake. Fresh (Kayenta's baseline): a pool of the previous release
/// started beside the canary with as many instances, warmed the same way, and given the canary's share, so that both
/// judged pools are as new and as busy as each other; the live pool keeps the rest (100 − 2 × canary weight) and is
/// not judged. It exists only for the bake: disposing it gives its share back to the live pool and removes it, so the
/// rollout phases never see it. Live: the previous release's running pool, as before.
/// </summary>
/// <remarks>
/// A cancelled run leaves a fresh pool in place: its traffic goes back to the previous release at once (the cancel's
/// traffic flip sets every other pool to 0) and nothing slow may delay that. A killed run leaves it too. Either way it
/// never carries traffic past the lease, and the next bake, Rollback (<see cref="RemoveLeftoversAsync"/>), the last step
/// of a Deploy, and Down all remove it.
/// </remarks>
public sealed class BaselinePool : IAsyncDisposable
{
    private static readonly TimeSpan RemovalBound = TimeSpan.FromSeconds(30);

    private readonly BaselineContext _services;
    private readonly Deployment _deployment;
    private readonly CancellationToken _run;

    private BaselinePool(BaselineContext services, Deployment deployment, string previous, string pool, string? why, CancellationToken run)
    {
        (_services, _deployment, Previous, Pool, Why, _run) = (services, deployment, previous, pool, why, run);
    }

    /// <summary>The previous release, whose artifact the judged pool runs.</summary>
    public string Previous { get; }

    /// <summary>The judged pool's key: <see cref="PoolName.Baseline"/> of the previous release when fresh, the release itself when live.</summary>
    public string Pool { get; }

    /// <summary>True for a fresh pool.</summary>
    public bool IsFresh => Pool != Previous;

    /// <summary>Why the live pool is judged although a fresh one was the default; null otherwise.</summary>
    public string? Why { get; }

    /// <summary>The split during the bake (fresh), or null (live: the canary's own split).</summary>
    public BaselineSplit? Split { get; private set; }

    /// <summary>Instances of the fresh pool.</summary>
    public int Instances { get; private set; }

    /// <summary>
    /// Starts the baseline <paramref name="deployment"/>'s canary is judged against: a fresh pool of
    /// <paramref name="previous"/> at the canary's share, or the live one when the settings say so.
    /// </summary>
    public static async Task<BaselinePool> StartAsync(BaselineContext services, Deployment deployment, string previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(deployment);
        // Whatever this bake judges against, a pool a killed or cancelled bake left behind goes first.
        await RemoveLeftoversAsync(services.Environment, services.Logger, cancellationToken).ConfigureAwait(false);
        var (kind, why) = BaselineChoice.Decide(services.Settings);
        if (kind == CanaryBaseline.Live || services.Environment.Inner is not LocalEnvironment local)
        {
            services.Logger.Information("Canary of {Release} judged against the live pool of {Previous} ({Why})", deployment.Release, previous, why ?? "--canary-baseline live");
            return new BaselinePool(services, deployment, previous, previous, why ?? "--canary-baseline live", cancellationToken);
        }
        var baseline = new BaselinePool(services, deployment, previous, PoolName.Baseline(previous), null, cancellationToken);
        await baseline.StartFreshAsync(local, cancellationToken).ConfigureAwait(false);
        return baseline;
    }

    private async Task StartFreshAsync(LocalEnvironment local, CancellationToken cancellationToken)
    {
        var snapshot = await _services.Environment.ReadAsync(cancellationToken).ConfigureAwait(false);
        var canary = snapshot.Pool(_deployment.Release) ?? throw new InvalidOperationException(
            $"No pool of {_deployment.Release} runs: the canary cannot be compared. Run ./build.sh Status to see what runs.");
        // The local runtime is asked directly for the replica count; the lock is checked first, as every change is.
        await _services.Session.EnsureHeldAsync(cancellationToken).ConfigureAwait(false);
        var pool = await local.DeployPoolAsync(Pool, canary.Instances.Count, cancellationToken).ConfigureAwait(false);
        // Warmed as the canary was: a cold baseline would flatter the canary as much as a busy one wronged it.
        await new CanaryWarmUp(_services.Service.Http, _services.Service.Contract, _services.Service.Token, _services.Time).RunAsync(pool, null, cancellationToken).ConfigureAwait(false);
        var share = _services.Settings.CanaryWeight;
        Split = new BaselineSplit(Previous, Pool, _deployment.Release, share);
        await _services.Environment.SetWeightsAsync(Split.Weights, cancellationToken).ConfigureAwait(false);
        Instances = pool.Instances.Count;
        _services.Logger.Information(
            "Fresh baseline pool {Pool} of {Previous}: {Instances} instances at {Share}%, as the canary; the live pool keeps {Rest}% and is not judged",
            Pool, Previous, Instances, share, 100 - 2 * share);
    }

    /// <summary>The judged pool as the bake reads it: the previous release, on the judged pool's own instances.</summary>
    public CanaryPool Measured(EnvironmentSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var pool = snapshot.Pool(Pool) ?? throw new InvalidOperationException(
            $"No pool {Pool} runs: the canary cannot be compared. Run ./build.sh Status to see what runs.");
        return SmokeSteps.Canary(pool) with { Release = Previous };
    }

    /// <summary>
    /// The metric source the bake reads: for a fresh baseline, its latency from the fresh pool and its errors from the
    /// whole previous release (see <see cref="ReleaseErrorsSource"/>); unchanged for a live one.
    /// </summary>
    public MetricSource Metrics(MetricSource source, CanaryPool measured, EnvironmentSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(snapshot);
        if (!IsFresh) return source;
        var live = snapshot.Pool(Previous) ?? throw new InvalidOperationException(
            $"No pool of {Previous} runs: the canary cannot be compared. Run ./build.sh Status to see what runs.");
        return source with { Source = new ReleaseErrorsSource(source.Source, measured, SmokeSteps.Canary(live)) };
    }

    /// <summary>Which baseline the bake used, for the ledger and the checklist.</summary>
    public JsonObject ToEvidence() => IsFresh
        ? new JsonObject
        {
            ["kind"] = "fresh", ["release"] = Previous, ["pool"] = Pool, ["instances"] = Instances, ["weights"] = Evidence.Weights(Split!.Weights)["weights"]?.DeepClone(),
            ["latencyFrom"] = Pool, ["errorsFrom"] = $"{Previous} and {Pool}",
        }
        : new JsonObject { ["kind"] = "live", ["release"] = Previous, ["pool"] = Pool, ["why"] = Why };

    /// <summary>Gives the fresh pool's share back to the live pool and removes it; nothing for a live baseline, nor after a cancel.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!IsFresh) return;
        if (_run.IsCancellationRequested)
        {
            _services.Logger.Warning("Cancelled: the fresh baseline pool {Pool} is left for Rollback, the next Deploy or Down to remove (it gets no traffic once the cancel returns it)", Pool);
            return;
        }
        using var bound = new CancellationTokenSource(RemovalBound);
        try
        {
            await RemoveAsync(_services.Environment, _services.Logger, Pool, bound.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Never hide the bake's own outcome behind the clean-up's: the pool is at most a leftover that later commands remove.
            _services.Logger.Warning("Could not remove the fresh baseline pool {Pool} ({Reason}); Rollback, the next Deploy or Down removes it", Pool, ex.Message);
        }
    }

    /// <summary>Removes every fresh baseline pool of the environment (a killed or cancelled bake's); their share goes to their release's live pool.</summary>
    public static async Task<IReadOnlyList<string>> RemoveLeftoversAsync(IEnvironmentProvider environment, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(logger);
        var leftovers = (await environment.ReadAsync(cancellationToken).ConfigureAwait(false)).Pools.Select(p => p.Release).Where(PoolName.IsBaseline).ToList();
        foreach (var pool in leftovers)
        {
            logger.Warning("Removing the fresh baseline pool {Pool} left by an earlier run", pool);
            await RemoveAsync(environment, logger, pool, cancellationToken).ConfigureAwait(false);
        }
        return leftovers;
    }

    // Its share goes to the live pool of its release first (one route change, so no request lands nowhere), then it is drained and stopped.
    private static async Task RemoveAsync(IEnvironmentProvider environment, ILogger logger, string pool, CancellationToken cancellationToken)
    {
        var snapshot = await environment.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (snapshot.Pool(pool) is not { } running) return;
        if (running.Weight > 0)
        {
            var heir = snapshot.Pool(PoolName.Release(pool)) ?? snapshot.Pools.Where(p => p.Release != pool).MaxBy(p => p.Weight);
            var weights = snapshot.Pools.Where(p => p.Release != pool).ToDictionary(p => p.Release, p => p.Weight + (p.Release == heir?.Release ? running.Weight : 0));
            if (heir is not null) await environment.SetWeightsAsync(weights, cancellationToken).ConfigureAwait(false);
        }
        await environment.RemovePoolAsync(pool, cancellationToken).ConfigureAwait(false);
        logger.Information("Fresh baseline pool {Pool} removed", pool);
    }
}
