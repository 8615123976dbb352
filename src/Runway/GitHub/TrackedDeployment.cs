namespace Runway.GitHub;

/// <summary>A GitHub deployment Runway reports statuses on.</summary>
/// <param name="Id">GitHub's deployment id.</param>
/// <param name="Target">Environment, release, ref and links.</param>
/// <param name="Created">False when an existing deployment for the same environment, ref and release was found and reused.</param>
public sealed record TrackedDeployment(long Id, DeploymentTarget Target, bool Created);
