using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace Runway.Tests.Database.Resilience;

/// <summary>Keeps every log event, rendered with its exception, so a test can read what would have been written.</summary>
internal sealed class CollectingSink : ILogEventSink
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public void Emit(LogEvent logEvent) =>
        _lines.Enqueue(logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture) + " " + logEvent.Exception);
}
