using Runway.Ledger;

namespace Runway.Phases;

/// <summary>
/// Hears what a deployment does, to mirror it somewhere people look (GitHub deployments and issues now, chat later).
/// A failing observer fails the run: when a team has configured a mirror, a silent gap in it would mislead.
/// </summary>
public interface IDeploymentObserver
{
    /// <summary>A phase passed its checklist gate and is about to run its steps.</summary>
    Task PhaseStartedAsync(Deployment deployment, string phase, CancellationToken cancellationToken);

    /// <summary>A phase finished; its proofs are in the checklist.</summary>
    Task PhaseSucceededAsync(Deployment deployment, string phase, CancellationToken cancellationToken);

    /// <summary>A phase failed with <paramref name="error"/>; the deployment is marked failed in the ledger.</summary>
    Task PhaseFailedAsync(Deployment deployment, string phase, Exception error, CancellationToken cancellationToken);

    /// <summary>The last phase finished: the release is live.</summary>
    Task SucceededAsync(Deployment deployment, CancellationToken cancellationToken);

    /// <summary>The deployment was rolled back to its previous release because of <paramref name="reason"/>.</summary>
    Task RolledBackAsync(Deployment deployment, string reason, CancellationToken cancellationToken);

    /// <summary>A person signed off or waived a checklist item of the deployment.</summary>
    Task ChecklistChangedAsync(Deployment deployment, CancellationToken cancellationToken);
}
