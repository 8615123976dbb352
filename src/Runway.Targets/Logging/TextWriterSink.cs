using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace Runway.Targets.Logging;

/// <summary>Writes formatted events to a supplied writer, so tests can capture exactly what the console would show.</summary>
internal sealed class TextWriterSink(TextWriter writer, ITextFormatter formatter) : ILogEventSink
{
    private readonly Lock _gate = new();

    public void Emit(LogEvent logEvent)
    {
        lock (_gate)
        {
            formatter.Format(logEvent, writer);
            writer.Flush();
        }
    }
}
