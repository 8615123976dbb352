namespace Runway.Checklists;

/// <summary>What a person asks for on the command line: sign off (or waive, with a reason) one item.</summary>
public sealed record SignOffRequest(string ItemId, string By, bool Waive = false, string? Reason = null)
{
    /// <summary>The environment the mark applies to.</summary>
    public string Environment { get; init; } = "local";

    /// <summary>The release the mark applies to.</summary>
    public string Release { get; init; } = "";

    /// <summary>The deployment, when given during one; null for sign-offs ahead of a deployment.</summary>
    public long? DeploymentId { get; init; }
}
