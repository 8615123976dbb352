using System.Text.Json.Nodes;
using Runway.Checklists;
using Runway.Checklists.Reports;
using Runway.Ledger;
using Runway.Phases;

namespace Runway.GitHub;

/// <summary>
/// Mirrors a deployment on GitHub: one GitHub deployment per Runway deployment with a status per phase, the
/// environment's URL, the rollback, and one issue whose body is the live checklist. The GitHub deployment's id is
/// kept in the ledger, so staged CI jobs on other runners report on the same one.
/// </summary>
public sealed class GitHubDeploymentObserver(DeploymentServices services, GitHubConnection github) : IDeploymentObserver
{
    /// <summary>The ledger phase and step under which the GitHub deployment's id is recorded.</summary>
    public const string LedgerPhase = "GitHub";

    /// <inheritdoc cref="LedgerPhase"/>
    public const string LedgerStep = "github-deployment";

    /// <summary>The ledger phase and step under which the checklist issue's number is recorded.</summary>
    public const string IssueLedgerPhase = "GitHubIssue";

    /// <inheritdoc cref="IssueLedgerPhase"/>
    public const string IssueLedgerStep = "github-issue";

    // GitHub refuses issue bodies past 65,536 characters.
    private const int MaxIssueBody = 65_000;

    private readonly DeploymentTracker _tracker = new(github, services.Logger);
    private readonly ChecklistIssue _issue = new(github, services.Logger);
    private (long DeploymentId, TrackedDeployment Tracked)? _tracked;
    private (long DeploymentId, int Number)? _issueNumber;

    /// <summary>The traffic weight a phase moves the new release to, as the status shows it.</summary>
    public int WeightOf(string phase) => phase switch
    {
        nameof(ChecklistPhase.Preparation) => 0,
        nameof(ChecklistPhase.Canary) => services.Settings.CanaryWeight,
        nameof(ChecklistPhase.Rollout50) => 50,
        _ => 100,
    };

    /// <inheritdoc />
    public async Task PhaseStartedAsync(Deployment deployment, string phase, CancellationToken cancellationToken)
    {
        var tracked = await TrackAsync(deployment, cancellationToken).ConfigureAwait(false);
        await _tracker.PhaseStartedAsync(tracked, phase, WeightOf(phase), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task PhaseSucceededAsync(Deployment deployment, string phase, CancellationToken cancellationToken) =>
        PublishChecklistAsync(deployment, cancellationToken);

    /// <inheritdoc />
    public async Task PhaseFailedAsync(Deployment deployment, string phase, Exception error, CancellationToken cancellationToken)
    {
        var tracked = await TrackAsync(deployment, cancellationToken).ConfigureAwait(false);
        await _tracker.FailedAsync(tracked, Mask($"{phase} failed: {error.Message}"), cancellationToken).ConfigureAwait(false);
        await PublishChecklistAsync(deployment, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task SucceededAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        var tracked = await TrackAsync(deployment, cancellationToken).ConfigureAwait(false);
        await _tracker.SucceededAsync(tracked, cancellationToken).ConfigureAwait(false);
        await CloseChecklistAsync(deployment, completed: true, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task RolledBackAsync(Deployment deployment, string reason, CancellationToken cancellationToken)
    {
        var failed = await TargetAsync(deployment, cancellationToken).ConfigureAwait(false);
        if (deployment.PreviousRelease is { } previous)
        {
            // The previous release's commit is not in the ledger; its tag is (the release gate made sure of it).
            var restored = failed with { Release = previous, Ref = services.Settings.ReleaseGate.TagFor(previous) };
            var recorded = await RecordedAsync(deployment, failed, cancellationToken).ConfigureAwait(false);
            await _tracker.RollbackAsync(failed, restored, recorded?.Id, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var tracked = await TrackAsync(deployment, cancellationToken).ConfigureAwait(false);
            await _tracker.FailedAsync(tracked, Mask($"Rolled back ({reason}); no previous release to restore"), cancellationToken).ConfigureAwait(false);
        }
        await PublishChecklistAsync(deployment, cancellationToken).ConfigureAwait(false);
        await CloseChecklistAsync(deployment, completed: false, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task ChecklistChangedAsync(Deployment deployment, CancellationToken cancellationToken) =>
        PublishChecklistAsync(deployment, cancellationToken);

    /// <summary>Creates or updates the deployment's checklist issue with the checklist as it stands.</summary>
    public async Task<ChecklistIssueRef> PublishChecklistAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        var state = await services.Checklist.StateAsync(deployment.Release, cancellationToken).ConfigureAwait(false);
        var body = Mask(ChecklistMarkdownReport.Render(state));
        if (body.Length > MaxIssueBody)
            body = body[..MaxIssueBody] + "\n\n… (truncated: run ./build.sh Checklist for the whole report)\n";
        var known = await IssueNumberAsync(deployment, cancellationToken).ConfigureAwait(false);
        // A minute early: the runner's clock and GitHub's may differ.
        var issue = await _issue.UpsertAsync($"{deployment.Environment}/{deployment.Release}/{deployment.Id}",
            $"Deployment {deployment.Id}: {deployment.Release} to {deployment.Environment}", body, known, cancellationToken,
            createdSince: deployment.StartedAt.AddMinutes(-1)).ConfigureAwait(false);
        if (known is null)
            await RecordIssueAsync(deployment, issue, cancellationToken).ConfigureAwait(false);
        _issueNumber = (deployment.Id, issue.Number);
        return issue;
    }

    private async Task CloseChecklistAsync(Deployment deployment, bool completed, CancellationToken cancellationToken)
    {
        if (await IssueNumberAsync(deployment, cancellationToken).ConfigureAwait(false) is { } number)
            await _issue.CloseAsync(number, completed, cancellationToken).ConfigureAwait(false);
    }

    // The ledger keeps the issue's number, so no run has to find it again (nor depend on a label sticking).
    private async Task<int?> IssueNumberAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        if (_issueNumber is { } known && known.DeploymentId == deployment.Id)
            return known.Number;
        var recorded = await services.Deployments.FindCompletedStepAsync(deployment.Id, IssueLedgerPhase, IssueLedgerStep, cancellationToken).ConfigureAwait(false);
        return recorded?.Evidence?["number"]?.GetValue<int>();
    }

    private Task RecordIssueAsync(Deployment deployment, ChecklistIssueRef issue, CancellationToken cancellationToken)
    {
        var evidence = new JsonObject { ["number"] = issue.Number, ["url"] = issue.HtmlUrl, ["repository"] = github.Options.Repository };
        var step = new DeploymentStep(IssueLedgerStep, _ => Task.FromResult(new StepOutcome(evidence, new Dictionary<string, JsonObject>())));
        return new PhaseRunner(services.Deployments, services.Checklist, services.Logger).RunAsync(deployment, IssueLedgerPhase, [step], cancellationToken);
    }

    // The ledger's record wins over a lookup: a CI job on another runner may have a different checkout, but it
    // reports on the deployment the first job created.
    private async Task<TrackedDeployment> TrackAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        var target = await TargetAsync(deployment, cancellationToken).ConfigureAwait(false);
        var tracked = await RecordedAsync(deployment, target, cancellationToken).ConfigureAwait(false)
            ?? await StartAndRecordAsync(deployment, target, cancellationToken).ConfigureAwait(false);
        _tracked = (deployment.Id, tracked);
        return tracked;
    }

    // The GitHub deployment this run or an earlier one (on any runner) recorded in the ledger, if any.
    private async Task<TrackedDeployment?> RecordedAsync(Deployment deployment, DeploymentTarget target, CancellationToken cancellationToken)
    {
        if (_tracked is { } known && known.DeploymentId == deployment.Id)
            return known.Tracked with { Target = known.Tracked.Target with { EnvironmentUrl = target.EnvironmentUrl, LogUrl = target.LogUrl } };
        var recorded = await services.Deployments.FindCompletedStepAsync(deployment.Id, LedgerPhase, LedgerStep, cancellationToken).ConfigureAwait(false);
        return recorded?.Evidence?["id"]?.GetValue<long>() is { } id
            ? new TrackedDeployment(id, target with { Ref = recorded.Evidence["ref"]?.GetValue<string>() ?? target.Ref }, Created: false)
            : null;
    }

    private async Task<TrackedDeployment> StartAndRecordAsync(Deployment deployment, DeploymentTarget target, CancellationToken cancellationToken)
    {
        var tracked = await _tracker.StartAsync(target, cancellationToken).ConfigureAwait(false);
        var evidence = new JsonObject
        {
            ["id"] = tracked.Id,
            ["repository"] = github.Options.Repository,
            ["environment"] = target.Environment,
            ["ref"] = target.Ref,
            ["created"] = tracked.Created,
        };
        var step = new DeploymentStep(LedgerStep, _ => Task.FromResult(new StepOutcome(evidence, new Dictionary<string, JsonObject>())));
        await new PhaseRunner(services.Deployments, services.Checklist, services.Logger).RunAsync(deployment, LedgerPhase, [step], cancellationToken).ConfigureAwait(false);
        return tracked;
    }

    private async Task<DeploymentTarget> TargetAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        var commit = await ReleaseCommit.HeadAsync(services.Settings.RootDirectory, cancellationToken).ConfigureAwait(false);
        return new DeploymentTarget(deployment.Environment, deployment.Release, commit)
        {
            EnvironmentUrl = await EnvironmentUrlAsync(cancellationToken).ConfigureAwait(false),
            LogUrl = services.Settings.CiRunUrl,
        };
    }

    // The URL is a courtesy on the status; an environment that cannot say it must not stop the deployment.
    private async Task<Uri?> EnvironmentUrlAsync(CancellationToken cancellationToken)
    {
        try
        {
            var url = (await services.Environment.ReadAsync(cancellationToken).ConfigureAwait(false)).Url;
            return Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : null;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            services.Logger.Warning("Could not read the URL of {Environment} for GitHub: {Reason}", services.Environment.Name, error.Message);
            return null;
        }
    }

    // What GitHub shows is public to the repository's readers: no secret the run knows may reach it.
    private string Mask(string text) =>
        services.Settings.SecretValues.Append(services.Topology.ServiceToken).OfType<string>().Where(s => s.Length >= 4)
            .Aggregate(text, (masked, secret) => masked.Replace(secret, "***", StringComparison.Ordinal));
}
