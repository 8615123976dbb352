using System.Text.Json.Nodes;
using Runway.GitHub;
using Runway.Ledger;

namespace Runway.Phases;

/// <summary>
/// Preparation's GitHub step: the release commit's checks are green, it is tagged, release notes are drafted and no
/// pull request blocks it. Each passed check proves its checklist item; any failed check fails the step, naming it.
/// </summary>
/// <param name="rootDirectory">The repository whose HEAD is the release commit.</param>
/// <param name="configured">The gate's options from the profile.</param>
/// <param name="github">The run's connection to GitHub.</param>
/// <param name="logger">The run's log.</param>
public sealed class ReleaseGateStep(string rootDirectory, ReleaseGateOptions configured, GitHubConnection github, Serilog.ILogger logger)
{
    /// <summary>The step's name in the ledger.</summary>
    public const string Name = "github-release-gate";

    /// <summary>The step for <paramref name="deployment"/>.</summary>
    public DeploymentStep For(Deployment deployment) => new(Name, token => RunAsync(deployment, token));

    private async Task<StepOutcome> RunAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        var commit = await ReleaseCommit.HeadAsync(rootDirectory, cancellationToken).ConfigureAwait(false);
        var result = await new ReleaseGate(github, logger)
            .CheckAsync(commit, deployment.Release, OptionsFor(deployment), cancellationToken).ConfigureAwait(false);
        var evidence = Evidence(result);
        var failed = result.Checks.Where(c => !c.Passed).ToList();
        if (failed.Count > 0)
            throw new StepFailedException(
                $"The GitHub release gate refused {deployment.Release} at {commit} in {github.Options.Repository}: " +
                string.Join("; ", failed.Select(c => $"{c.Id}: {c.Summary}")) + ". Fix them on GitHub, then rerun Preparation.",
                evidence);
        return new StepOutcome(evidence, result.Checks.ToDictionary(c => c.Id, c => (JsonObject)c.Evidence.DeepClone()));
    }

    private ReleaseGateOptions OptionsFor(Deployment deployment)
    {
        return new ReleaseGateOptions
        {
            CreateTagIfMissing = configured.CreateTagIfMissing,
            TagPrefix = configured.TagPrefix,
            BlockingLabel = configured.BlockingLabel,
            RequiredChecks = configured.RequiredChecks,
            PreviousRelease = deployment.PreviousRelease,
        };
    }

    private static JsonObject Evidence(ReleaseGateResult result) => new()
    {
        ["commit"] = result.CommitSha,
        ["passed"] = result.Passed,
        ["checks"] = new JsonObject(result.Checks.Select(c => KeyValuePair.Create(c.Id, (JsonNode?)new JsonObject
        {
            ["passed"] = c.Passed,
            ["summary"] = c.Summary,
            ["evidence"] = c.Evidence.DeepClone(),
        }))),
    };
}
