namespace Runway.Canary;

/// <summary>A release pool whose metrics are compared: its release and the base URLs of its instances.</summary>
/// <param name="Release">The release the pool serves, e.g. <c>1.1.0</c>.</param>
/// <param name="Instances">Base URLs of the pool's instances, e.g. <c>http://127.0.0.1:5101</c>.</param>
public sealed record CanaryPool(string Release, IReadOnlyList<Uri> Instances);
