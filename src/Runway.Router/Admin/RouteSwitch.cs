using Runway.Router.Routing;
using Runway.Router.State;

namespace Runway.Router.Admin;

/// <summary>
/// Applies a new table: validate, persist, swap, then drain the destinations it removed. One change at a time, so
/// generations and the state file always agree. Bad input changes nothing.
/// </summary>
public sealed class RouteSwitch(LiveRoutes routes, RouteStateFile state, TimeSpan drainTimeout, Serilog.ILogger logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The outcome of a change: the error (nothing changed) or the table now in force and the drain result.</summary>
    public sealed record Outcome(string? Error, RouteTable? Table, DrainResult? Drain, bool StateFileFailed = false);

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
        finally
        {
            _gate.Release();
        }
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
