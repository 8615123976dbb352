using Runway.Checklists.Checks;
using Runway.Ledger;
using Runway.Load;

namespace Runway.Phases;

/// <summary>
/// Validation: the post-deployment verification through the URL users reach — every smoke probe (auth, rate
/// limiting, metrics series), the concurrent runs when the checklist asks for them — and proof that no secret reached a log. Then the previous
/// release's pool, kept warm for a fast rollback until now, is removed.
/// </summary>
public sealed class ValidationPhase(DeploymentServices services)
{
    private readonly SmokeSteps _smoke = new(services);

    /// <summary>The phase's steps for <paramref name="deployment"/>.</summary>
    public IReadOnlyList<DeploymentStep> Steps(Deployment deployment)
    {
        List<DeploymentStep> steps =
        [
            _smoke.Probes("smoke-probes", services.Environment, "smoke-passed", includeProbeChecks: true),
            new("logs-secret-free", LogsSecretFreeAsync),
            new RolloutPhases(services).RemovePrevious(deployment),
        ];
        // Only when the team's checklist asks for it; before the probes: the rate-limit probe's burst uses up the client's window.
        if (services.Checklist.Checklist.Items.Any(i => i.CheckId == ConcurrentRunsCheck.CheckId))
            steps.Insert(0, new(ConcurrentRunsCheck.CheckId, ConcurrentRunsAsync));
        return steps;
    }

    private async Task<StepOutcome> ConcurrentRunsAsync(CancellationToken cancellationToken)
    {
        var url = (await services.Environment.ReadAsync(cancellationToken).ConfigureAwait(false)).Url
            ?? throw new InvalidOperationException($"Environment {services.Environment.Name} has no URL to load.");
        var result = await new ConcurrentRunsCheck(services.Http, services.Time, services.Logger)
            .RunAsync(new Uri(url), services.Contract.ConcurrentRequest ?? services.Contract.Request, services.ServiceToken, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!result.Passed) throw new StepFailedException($"The concurrent-runs check failed: {result.Succeeded} of {result.Runs} runs succeeded.", result.ToEvidence());
        return StepOutcome.Of(result.ToEvidence(), ConcurrentRunsCheck.CheckId);
    }

    private async Task<StepOutcome> LogsSecretFreeAsync(CancellationToken cancellationToken)
    {
        var logs = Directory.Exists(services.Settings.TemporaryDirectory)
            ? Directory.EnumerateFiles(services.Settings.TemporaryDirectory, "*.*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".clef", StringComparison.Ordinal) || f.EndsWith(".log", StringComparison.Ordinal))
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}postgres{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .ToList()
            : [];
        var secrets = services.Settings.SecretValues.Append(services.Topology.ServiceToken).OfType<string>().Where(s => s.Length >= 4);
        var result = await LogsSecretFreeCheck.RunAsync(logs, secrets, cancellationToken).ConfigureAwait(false);
        if (!result.Passed) throw new StepFailedException($"Check logs-secret-free failed: {result.Summary}", result.Evidence);
        return StepOutcome.Of(result.Evidence, result.CheckId);
    }
}
