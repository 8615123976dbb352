using Runway.Targets.Definitions;
using Runway.Targets.Logging;
using Runway.Targets.Output;
using Runway.Targets.Planning;
using Serilog;

namespace Runway.Targets.Execution;

/// <summary>Runs a plan target by target, applying the after-failure policies, and returns one result per target.</summary>
internal sealed class TargetExecutor(BuildBase build, ILogger logger, CurrentTargetEnricher current, ConsoleFrames frames, TimeProvider time)
{
    public async Task<IReadOnlyList<TargetResult>> RunAsync(ExecutionPlan plan, CancellationToken cancellationToken)
    {
        var results = new Dictionary<string, TargetResult>(StringComparer.OrdinalIgnoreCase);
        var stopped = false; // a target failed without ProceedAfterFailure, or the run was cancelled
        foreach (var node in plan.Targets)
        {
            var result = await Next(plan, node, results, stopped, cancellationToken).ConfigureAwait(false);
            results[node.Name] = result;
            if (result.Status == TargetStatus.Refused) return Refused(plan, results);
            stopped |= result.Status == TargetStatus.Aborted
                || (result.Status == TargetStatus.Failed && !node.Definition.ProceedsAfterFailure);
        }
        return plan.Targets.Select(n => results[n.Name]).ToList();
    }

    // A refusal (the build says which errors are refusals) means this run may not act at all: nothing after it runs,
    // not even the targets assured after a failure, since no failure happened that they could clean up after.
    private static IReadOnlyList<TargetResult> Refused(ExecutionPlan plan, Dictionary<string, TargetResult> results) =>
        plan.Targets.Select(n => results.TryGetValue(n.Name, out var result) ? result : new TargetResult(n.Name, TargetStatus.NotRun, null)).ToList();

    private async Task<TargetResult> Next(ExecutionPlan plan, TargetNode node, Dictionary<string, TargetResult> results, bool stopped, CancellationToken token)
    {
        if (plan.SkipReason(node.Name) is { } reason) return Skipped(node, reason, null);
        var assured = node.Definition.IsAssuredAfterFailure;
        if (!assured && (stopped || token.IsCancellationRequested)) return new TargetResult(node.Name, TargetStatus.NotRun, null);
        if (!assured && node.Prerequisites.Any(p => results.TryGetValue(p, out var r) && !r.IsFine))
            return new TargetResult(node.Name, TargetStatus.NotRun, null);
        return await RunAsync(node, token).ConfigureAwait(false);
    }

    private async Task<TargetResult> RunAsync(TargetNode node, CancellationToken token)
    {
        frames.Target(node.Name);
        current.Target = node.Name;
        var started = time.GetTimestamp();
        try
        {
            return await ExecuteAsync(node, started, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            logger.Error("{Target} was cancelled", node.Name);
            return new TargetResult(node.Name, TargetStatus.Aborted, time.GetElapsedTime(started));
        }
        catch (Exception error) when (build.IsRefusal(error))
        {
            logger.Error("{Target} refused: {Reason}", node.Name, Describe(error));
            return new TargetResult(node.Name, TargetStatus.Refused, time.GetElapsedTime(started));
        }
        catch (Exception error)
        {
            logger.Error(error, "{Target} failed: {Reason}", node.Name, Describe(error));
            build.RaiseTargetFailed(node.Name, error);
            return new TargetResult(node.Name, TargetStatus.Failed, time.GetElapsedTime(started));
        }
        finally
        {
            current.Target = CurrentTargetEnricher.NoTarget;
            frames.TargetEnd();
        }
    }

    // The build's words for the error; its own message when the build has none, or fails to find them.
    private string Describe(Exception error)
    {
        try
        {
            return build.DescribeFailure(error) is { Length: > 0 } described ? described : error.Message;
        }
        catch (Exception failed) when (failed is not OutOfMemoryException)
        {
            return error.Message;
        }
    }

    private async Task<TargetResult> ExecuteAsync(TargetNode node, long started, CancellationToken token)
    {
        if (await SkipReasonAsync(node.Definition, token).ConfigureAwait(false) is { } reason)
            return Skipped(node, reason, time.GetElapsedTime(started));
        build.RaiseTargetRunning(node.Name);
        foreach (var action in node.Definition.Actions)
        {
            token.ThrowIfCancellationRequested();
            await action(token).ConfigureAwait(false);
        }
        build.RaiseTargetSucceeded(node.Name);
        return new TargetResult(node.Name, TargetStatus.Succeeded, time.GetElapsedTime(started));
    }

    private static async Task<string?> SkipReasonAsync(TargetDefinition definition, CancellationToken token)
    {
        if (!definition.DynamicConditions.All(condition => condition())) return "condition false";
        foreach (var skipWhen in definition.SkipReasons)
        {
            if (await skipWhen(token).ConfigureAwait(false) is { } reason) return reason;
        }
        return null;
    }

    private TargetResult Skipped(TargetNode node, string reason, TimeSpan? duration)
    {
        logger.Information("Skipping {Target}: {Reason}", node.Name, reason);
        build.RaiseTargetSkipped(node.Name, reason);
        return new TargetResult(node.Name, TargetStatus.Skipped, duration, reason);
    }
}
