using Runway.Checklists;
using Runway.Ledger;
using Serilog;

namespace Runway.Phases;

/// <summary>
/// Runs the steps of one phase of a deployment in order, recording each in the ledger with its evidence and
/// marking the checklist items it proves. A step the ledger already holds as succeeded for this deployment is not
/// run again, so a rerun after a crash resumes. (Whether the phase may start at all is the pipeline's gate.)
/// <paramref name="beforeStep"/> runs before every step (the pipeline re-verifies its lock there).
/// </summary>
public sealed class PhaseRunner(DeploymentLedger ledger, DeploymentChecklist checklist, ILogger logger, Func<CancellationToken, Task>? beforeStep = null)
{
    /// <summary>Runs <paramref name="steps"/> under the ledger name <paramref name="name"/> (a phase, or a procedure such as Rollback).</summary>
    public async Task RunAsync(Deployment deployment, string name, IReadOnlyList<DeploymentStep> steps, CancellationToken cancellationToken)
    {
        await ledger.StartPhaseAsync(deployment.Id, name, cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var step in steps)
                await RunStepAsync(deployment, name, step, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await ledger.FinishPhaseAsync(deployment.Id, name, WorkStatus.Failed, ex.Message, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        await ledger.FinishPhaseAsync(deployment.Id, name, WorkStatus.Succeeded, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private async Task RunStepAsync(Deployment deployment, string phase, DeploymentStep step, CancellationToken cancellationToken)
    {
        if (beforeStep is not null) await beforeStep(cancellationToken).ConfigureAwait(false);
        if (await ledger.FindCompletedStepAsync(deployment.Id, phase, step.Name, cancellationToken).ConfigureAwait(false) is not null)
        {
            logger.Information("Step {Step} already done in deployment {DeploymentId}", step.Name, deployment.Id);
            return;
        }
        logger.Information("Step {Step}", step.Name);
        await ledger.StartStepAsync(deployment.Id, phase, step.Name, cancellationToken).ConfigureAwait(false);
        StepOutcome outcome;
        try
        {
            outcome = await step.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await ledger.FinishStepAsync(deployment.Id, phase, step.Name, WorkStatus.Failed, ex.Message, (ex as StepFailedException)?.Evidence, CancellationToken.None)
                .ConfigureAwait(false);
            throw;
        }
        // The step and its proofs commit together: a step recorded without them would be skipped on resume.
        var proofs = checklist.ProofMarks(deployment, phase, outcome.Proofs);
        await ledger.FinishStepAsync(deployment.Id, phase, step.Name, WorkStatus.Succeeded, evidence: outcome.Evidence, cancellationToken: cancellationToken, proofs: proofs)
            .ConfigureAwait(false);
        foreach (var proof in proofs) checklist.Proved(proof);
    }
}
