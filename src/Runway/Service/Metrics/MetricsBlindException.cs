using System.Text.Json.Nodes;
using Runway.Phases;

namespace Runway.Service.Metrics;

/// <summary>
/// The metrics do not see the traffic that was sent: judging on them would pass a release blind. The message names
/// the series expected, what the source has, and the fix.
/// </summary>
public sealed class MetricsBlindException(string message, JsonObject evidence) : StepFailedException(message, evidence);
