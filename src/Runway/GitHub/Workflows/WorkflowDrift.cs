namespace Runway.GitHub.Workflows;

/// <summary>A workflow file whose committed text is not what the attributes generate.</summary>
/// <param name="RelativePath">Path under the repository root, with forward slashes, e.g. <c>.github/workflows/deploy.yml</c>.</param>
/// <param name="Reason"><c>missing</c> or <c>differs</c>.</param>
public sealed record WorkflowDrift(string RelativePath, string Reason)
{
    /// <inheritdoc />
    public override string ToString() => $"{RelativePath} ({Reason})";
}
