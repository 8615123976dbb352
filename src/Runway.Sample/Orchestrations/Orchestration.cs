using System.Text.Json;

namespace Runway.Sample.Orchestrations;

/// <summary>A stored orchestration: its id, name, optional JSON definition and creation time.</summary>
public sealed record Orchestration(long Id, string Name, JsonElement? Definition, DateTimeOffset CreatedAt);
