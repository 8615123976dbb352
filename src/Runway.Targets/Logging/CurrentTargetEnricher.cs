using Serilog.Core;
using Serilog.Events;

namespace Runway.Targets.Logging;

/// <summary>Adds <c>RunId</c> and <c>Target</c> (the target running now, or "(build)") to every event.</summary>
internal sealed class CurrentTargetEnricher(string runId) : ILogEventEnricher
{
    public const string NoTarget = "(build)";

    private volatile string _target = NoTarget;

    public string Target
    {
        get => _target;
        set => _target = value;
    }

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty("RunId", runId));
        logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty("Target", _target));
    }
}
