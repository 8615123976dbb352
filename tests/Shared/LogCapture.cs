using System.Collections.Concurrent;
using System.Globalization;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Runway.Testing;

/// <summary>
/// A Serilog sink that keeps every event as text, so a test can read what would have been written: as a person reads
/// it (the rendered message, then the exception), and with every property as <c>name=value</c> too, for checks that a
/// value (a secret) is nowhere in an event.
/// </summary>
public sealed class LogCapture : ILogEventSink
{
    private readonly ConcurrentQueue<(string Line, string Properties)> _events = new();

    /// <summary>A logger writing every level to this sink.</summary>
    public ILogger Logger => new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(this).CreateLogger();

    /// <summary>The events so far, oldest first, as read: the rendered message, then the exception if any.</summary>
    public IReadOnlyList<string> Lines => [.. _events.Select(e => e.Line)];

    /// <summary>The events so far, each with its level, its rendered message and exception, and every property's value.</summary>
    public IReadOnlyList<string> LinesWithProperties => [.. _events.Select(e => e.Properties)];

    /// <inheritdoc />
    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        var line = $"{logEvent.RenderMessage(CultureInfo.InvariantCulture)} {logEvent.Exception}".TrimEnd();
        var properties = string.Join(" ", logEvent.Properties.Select(p => $"{p.Key}={p.Value}"));
        _events.Enqueue((line, $"{logEvent.Level} {line} {properties}".TrimEnd()));
    }
}
