using Runway.Router.Leases;
using Runway.Router.Routing;
using Runway.Router.State;

namespace Runway.Router.Admin;

/// <summary>
/// Applies a new table: validate, persist, swap, then drain the destinations it removed. One change at a time, so
/// generations and the state file always agree. Bad input, and a stale fence, change nothing.
/// </summary>
public sealed class RouteSwitch(LiveRoutes routes, RouteStateFile state, LeaseKeeper leases, TimeSpan drainTimeout, Serilog.ILogger logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The outcome of a change: the error (nothing changed) or the table now in force and the drain result.</summary>
    public sealed record Outcome(string? Error, RouteTable? Table, DrainResult? Drain, bool StateFileFailed = false, bool StaleFence = false);

    /// <summary>Validates and applies <paramref name="request"/>.</summary>
    public async Task<Outcome> ApplyAsync(RouteTableRequest? request, CancellationToken cancellationToken)
    {
        var (pools, error) = RouteTableValidator.Validate(request);
        if (pools is null)
        {
            logger.Warning("Refused route table: {Reason}", error);
            return new Outcome(error, null, null);
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Inside the gate: a newer run's change can never be overtaken by an older run's.
            if (leases.Admit(request!.Fence) is { } stale)
            {
                logger.Warning("Refused route table: {Reason}", stale);
                return new Outcome(stale, null, null, StaleFence: true);
            }

            return await SwitchAsync(pools, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Gives <paramref name="stable"/> all traffic, keeping the other pools at weight 0 (a lapsed lease).</summary>
    public async Task ReturnToAsync(string stable, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var current = routes.Current;
            if (current.Pools.All(p => p.Release != stable))
            {
                logger.Error("Cannot return traffic to {Stable}: it has no pool in the table ({Weights}); traffic stays as it is", stable, current.Describe());
                return;
            }

            var outcome = await SwitchAsync([.. current.Pools.Select(p => p with { Weight = p.Release == stable ? 100 : 0 })], cancellationToken);
            if (outcome.Error is { } error)
            {
                logger.Error("Cannot return traffic to {Stable}: {Reason}", stable, error);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<Outcome> SwitchAsync(IReadOnlyList<PoolRoute> pools, CancellationToken cancellationToken)
    {
        var table = new RouteTable(routes.Current.Generation + 1, pools);
        if (await TrySaveAsync(table, cancellationToken) is { } saveError)
        {
            return new Outcome(saveError, null, null, StateFileFailed: true);
        }

        var previous = routes.Replace(table);
        logger.Information("Route table generation {Generation} in force: {Weights}", table.Generation, table.Describe());
        var removed = previous.AllDestinations().Except(table.AllDestinations(), StringComparer.Ordinal).ToList();
        var drain = await routes.DrainAsync(removed, drainTimeout, cancellationToken);
        LogDrain(table.Generation, drain);
        return new Outcome(null, table, drain);
    }

    private async Task<string?> TrySaveAsync(RouteTable table, CancellationToken cancellationToken)
    {
        try
        {
            await state.SaveAsync(table, cancellationToken);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.Error("Cannot write state file {Path}: {Reason}; generation {Generation} not applied", state.Path, ex.Message, table.Generation);
            return $"Cannot write the state file {state.Path} ({ex.Message}); the table in force is unchanged. Fix the file's directory or permissions and retry.";
        }
    }

    private void LogDrain(long generation, DrainResult drain)
    {
        if (drain.RemovedDestinations.Count == 0)
        {
            return;
        }

        if (drain.Drained)
        {
            logger.Information("Generation {Generation}: drained {Destinations} in {Milliseconds} ms", generation, drain.RemovedDestinations, drain.WaitedMilliseconds);
        }
        else
        {
            logger.Warning("Generation {Generation}: drain timed out with {Remaining} requests still in flight to {Destinations}", generation, drain.RemainingRequests, drain.RemovedDestinations);
        }
    }
}
