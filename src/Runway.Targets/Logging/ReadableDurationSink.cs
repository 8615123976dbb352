using Serilog.Core;
using Serilog.Events;

namespace Runway.Targets.Logging;

/// <summary>
/// Wraps the console sink so that every duration reads as help and the summary write it (<c>1 m 30 s</c>, never
/// <c>"00:01:30"</c>): TimeSpan property values become <see cref="DurationText"/> text. The CLEF file keeps the raw
/// values, which are data.
/// </summary>
internal sealed class ReadableDurationSink(ILogEventSink inner) : ILogEventSink, IDisposable
{
    public void Emit(LogEvent logEvent) => inner.Emit(logEvent.Properties.Values.Any(HasDuration) ? Readable(logEvent) : logEvent);

    public void Dispose() => (inner as IDisposable)?.Dispose();

    private static LogEvent Readable(LogEvent e) => new(
        e.Timestamp, e.Level, e.Exception, e.MessageTemplate,
        e.Properties.Select(p => new LogEventProperty(p.Key, Readable(p.Value))),
        e.TraceId ?? default, e.SpanId ?? default);

    private static bool HasDuration(LogEventPropertyValue value) => value switch
    {
        ScalarValue { Value: TimeSpan } => true,
        SequenceValue sequence => sequence.Elements.Any(HasDuration),
        StructureValue structure => structure.Properties.Any(p => HasDuration(p.Value)),
        _ => false,
    };

    private static LogEventPropertyValue Readable(LogEventPropertyValue value) => value switch
    {
        ScalarValue { Value: TimeSpan duration } => new ScalarValue(DurationText.Format(duration)),
        SequenceValue sequence => new SequenceValue(sequence.Elements.Select(Readable)),
        StructureValue structure => new StructureValue(structure.Properties.Select(p => new LogEventProperty(p.Name, Readable(p.Value))), structure.TypeTag),
        _ => value,
    };
}
