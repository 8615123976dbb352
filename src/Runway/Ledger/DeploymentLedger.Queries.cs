namespace Runway.Ledger;

public sealed partial class DeploymentLedger
{
    /// <summary>One deployment by id, or null.</summary>
    public Task<Deployment?> GetDeploymentAsync(long deploymentId, CancellationToken cancellationToken = default) =>
        QueryDeploymentAsync("id = $1 ORDER BY id", cancellationToken, deploymentId);

    /// <summary>The environment's Running deployment (in progress, or crashed and waiting to be resumed), or null.</summary>
    public Task<Deployment?> GetActiveDeploymentAsync(string environment, CancellationToken cancellationToken = default) =>
        QueryDeploymentAsync("environment = $1 AND state = 'Running' ORDER BY id DESC", cancellationToken, environment);

    /// <summary>The most recent deployment of <paramref name="release"/> to the environment, in any state, or null.</summary>
    public Task<Deployment?> GetLatestDeploymentAsync(string environment, string release, CancellationToken cancellationToken = default) =>
        QueryDeploymentAsync("environment = $1 AND release = $2 ORDER BY id DESC", cancellationToken, environment, release);

    /// <summary>The environment's most recent deployment, of any release and in any state, or null.</summary>
    public Task<Deployment?> GetLatestInEnvironmentAsync(string environment, CancellationToken cancellationToken = default) =>
        QueryDeploymentAsync("environment = $1 ORDER BY id DESC", cancellationToken, environment);

    /// <summary>The environment's last succeeded deployment (its release is what a rollback restores), or null.</summary>
    public Task<Deployment?> GetLastSucceededDeploymentAsync(string environment, CancellationToken cancellationToken = default) =>
        QueryDeploymentAsync("environment = $1 AND state = 'Succeeded' ORDER BY id DESC", cancellationToken, environment);

    /// <summary>
    /// The deployment in which <paramref name="phase"/> of <paramref name="release"/> already succeeded in the environment
    /// ("already completed in deployment 42"), or null when it must run. Deployments that were rolled back or aborted
    /// do not count, nor do those followed by a deployment of another release: their work no longer stands.
    /// </summary>
    public Task<long?> FindCompletedPhaseAsync(string environment, string release, string phase, CancellationToken cancellationToken = default) =>
        database.ReadAsync(async (connection, token) =>
        {
            var ids = await Sql.QueryAsync(connection, """
                SELECT d.id FROM runway.deployments d JOIN runway.phases p ON p.deployment_id = d.id
                WHERE d.environment = $1 AND d.release = $2 AND p.name = $3 AND p.status = 'Succeeded'
                  AND d.state NOT IN ('RolledBack', 'Aborted')
                  AND NOT EXISTS (SELECT 1 FROM runway.deployments later
                                  WHERE later.environment = d.environment AND later.id > d.id AND later.release <> d.release)
                ORDER BY d.id DESC LIMIT 1
                """, r => r.GetInt64(0), token, environment, release, phase).ConfigureAwait(false);
            return ids.Count == 0 ? (long?)null : ids[0];
        }, cancellationToken);

    /// <summary>The succeeded step, with its evidence, or null when it has not succeeded in this deployment.</summary>
    public Task<StepRecord?> FindCompletedStepAsync(long deploymentId, string phase, string step, CancellationToken cancellationToken = default) =>
        database.ReadAsync((connection, token) => Sql.QuerySingleAsync(connection, $"""
            SELECT {StepColumns} FROM runway.steps s JOIN runway.phases p ON p.id = s.phase_id
            WHERE p.deployment_id = $1 AND p.name = $2 AND s.name = $3 AND s.status = 'Succeeded'
            """, r => MapStep(deploymentId, phase, r), token, deploymentId, phase, step), cancellationToken);

    /// <summary>The phases of a deployment in the order they first started.</summary>
    public Task<IReadOnlyList<PhaseRecord>> GetPhasesAsync(long deploymentId, CancellationToken cancellationToken = default) =>
        database.ReadAsync((connection, token) => Sql.QueryAsync(connection,
            $"SELECT {PhaseColumns} FROM runway.phases WHERE deployment_id = $1 ORDER BY id", MapPhase, token, deploymentId), cancellationToken);

    /// <summary>The steps of a deployment, phase by phase, in the order they first started.</summary>
    public Task<IReadOnlyList<StepRecord>> GetStepsAsync(long deploymentId, CancellationToken cancellationToken = default) =>
        database.ReadAsync((connection, token) => Sql.QueryAsync(connection, $"""
            SELECT {StepColumns}, p.name FROM runway.steps s JOIN runway.phases p ON p.id = s.phase_id
            WHERE p.deployment_id = $1 ORDER BY p.id, s.id
            """, r => MapStep(deploymentId, r.GetString(6), r), token, deploymentId), cancellationToken);

    private Task<Deployment?> QueryDeploymentAsync(string condition, CancellationToken cancellationToken, params object?[] values) =>
        database.ReadAsync((connection, token) => Sql.QuerySingleAsync(connection,
            $"SELECT {DeploymentColumns} FROM runway.deployments WHERE {condition} LIMIT 1", MapDeployment, token, values), cancellationToken);
}
