namespace Runway.GitHub;

/// <summary>What a GitHub deployment is for: an environment, a release and the git ref being deployed.</summary>
/// <param name="Environment">GitHub environment name, e.g. <c>production</c>.</param>
/// <param name="Release">The release, e.g. <c>2.4.0</c>; stored in the deployment payload as <c>release</c>.</param>
/// <param name="Ref">The git ref or commit SHA deployed, e.g. <c>v2.4.0</c>.</param>
public sealed record DeploymentTarget(string Environment, string Release, string Ref)
{
    /// <summary>Where the deployed service answers; shown by GitHub as the environment's link.</summary>
    public Uri? EnvironmentUrl { get; init; }

    /// <summary>Where the deployment's log is (e.g. the workflow run).</summary>
    public Uri? LogUrl { get; init; }
}
