using Runway.Checklists.Checks;
using Runway.Ledger;
using Runway.Load;
using Runway.Service;

namespace Runway.Phases;

/// <summary>
/// Validation: the post-deployment verification through the URL users reach — every smoke probe (auth, rate
/// limiting, metrics series), the concurrent runs when the checklist asks for them — and proof that no secret reached a log. Then the previous
/// release's pool, kept warm for a fast rollback until now, is removed.
/// </summary>
/// <param name="settings">Where the run's logs are, and the secrets they must not hold.</param>
/// <param name="environment">The environment, changed under the run's lock.</param>
/// <param name="checklist">Which checks the team's checklist asks for.</param>
/// <param name="service">How to reach the service (the concurrent runs).</param>
/// <param name="smoke">The smoke probes.</param>
/// <param name="rollout">Removes the previous release's pool once this one is proven.</param>
/// <param name="time">The clock.</param>
/// <param name="logger">The run's log.</param>
public sealed class ValidationPhase(
    PipelineSettings settings, LockedEnvironment environment, DeploymentChecklist checklist, ServiceAccess service, SmokeSteps smoke, RolloutPhases rollout,
    TimeProvider time, Serilog.ILogger logger)
{
    /// <summary>The phase's steps for <paramref name="deployment"/>.</summary>
    public IReadOnlyList<DeploymentStep> Steps(Deployment deployment)
    {
        List<DeploymentStep> steps =
        [
            smoke.Probes("smoke-probes", environment, "smoke-passed", includeProbeChecks: true),
            new("logs-secret-free", LogsSecretFreeAsync),
            rollout.RemovePrevious(deployment),
        ];
        // Only when the team's checklist asks for it; before the probes: the rate-limit probe's burst uses up the client's window.
        if (checklist.Checklist.Items.Any(i => i.CheckId == ConcurrentRunsCheck.CheckId))
            steps.Insert(0, new(ConcurrentRunsCheck.CheckId, ConcurrentRunsAsync));
        return steps;
    }

    private async Task<StepOutcome> ConcurrentRunsAsync(CancellationToken cancellationToken)
    {
        var url = (await environment.ReadAsync(cancellationToken).ConfigureAwait(false)).Url
            ?? throw new InvalidOperationException($"Environment {environment.Name} has no URL to load.");
        var result = await new ConcurrentRunsCheck(service.Http, time, logger)
            .RunAsync(new Uri(url), service.Contract.ConcurrentRequest ?? service.Contract.Request, service.Token, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!result.Passed) throw new StepFailedException($"The concurrent-runs check failed: {result.Succeeded} of {result.Runs} runs succeeded.", result.ToEvidence());
        return StepOutcome.Of(result.ToEvidence(), ConcurrentRunsCheck.CheckId);
    }

    private async Task<StepOutcome> LogsSecretFreeAsync(CancellationToken cancellationToken)
    {
        var logs = Directory.Exists(settings.TemporaryDirectory)
            ? Directory.EnumerateFiles(settings.TemporaryDirectory, "*.*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".clef", StringComparison.Ordinal) || f.EndsWith(".log", StringComparison.Ordinal))
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}postgres{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .ToList()
            : [];
        var secrets = settings.SecretValues.Append(service.ConfiguredToken).OfType<string>().Where(s => s.Length >= 4);
        var result = await LogsSecretFreeCheck.RunAsync(logs, secrets, cancellationToken).ConfigureAwait(false);
        if (!result.Passed) throw new StepFailedException($"Check logs-secret-free failed: {result.Summary}", result.Evidence);
        return StepOutcome.Of(result.Evidence, result.CheckId);
    }
}
