using Runway.Ledger;

namespace Runway.Phases;

/// <summary>
/// What a run is about to do, settled before anything changes: it says which release it deploys and where that
/// version came from, refuses an older release than the live one unless asked (<c>--allow-downgrade</c>), and
/// recognises the live release deployed again as nothing to do.
/// </summary>
public sealed class ReleaseIntent(PipelineSettings settings, DeploymentLedger deployments, Serilog.ILogger logger)
{
    private Task<Deployment?>? _settled;

    /// <summary>
    /// The deployment that made the release live, when this run deploys the live release again; else null. Settled once
    /// per run: a refusal is thrown again to every later caller.
    /// </summary>
    /// <exception cref="DowngradeRefusedException">The release is older than the live one and no downgrade was allowed.</exception>
    public Task<Deployment?> LiveAsync(CancellationToken cancellationToken) => _settled ??= SettleAsync(cancellationToken);

    private async Task<Deployment?> SettleAsync(CancellationToken cancellationToken)
    {
        var ledger = deployments;
        var active = await ledger.GetActiveDeploymentAsync(settings.Environment, cancellationToken).ConfigureAwait(false);
        var live = await ledger.GetLastSucceededDeploymentAsync(settings.Environment, cancellationToken).ConfigureAwait(false);
        logger.Information("Deploying {Release} ({Origin}) to {Environment}; live there now: {Live}",
            settings.Release, settings.ReleaseOrigin, settings.Environment, live?.Release ?? "nothing");
        // A deployment of this release in progress is resumed as it is: it was settled when it started.
        if (live is null || (active is not null && active.Release == settings.Release)) return null;
        if (live.Release == settings.Release) return live;
        if (ReleaseVersion.Compare(settings.Release, live.Release) < 0 && !settings.AllowDowngrade)
            throw new DowngradeRefusedException(
                $"{settings.Release} ({settings.ReleaseOrigin}) is older than the live release {live.Release} in {settings.Environment}: deploying it would be a downgrade. " +
                $"Name the release you mean (--version), or pass --allow-downgrade to go back to {settings.Release} on purpose.");
        return null;
    }
}

/// <summary>An older release than the live one was asked for without <c>--allow-downgrade</c>.</summary>
public sealed class DowngradeRefusedException(string message) : InvalidOperationException(message);
