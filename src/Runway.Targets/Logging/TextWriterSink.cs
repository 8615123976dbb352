using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace Runway.Targets.Logging;

/// <summary>Writes formatted events to supplied writers (output, and error from <paramref name="errorsFrom"/> up), so tests can capture exactly what the console would show.</summary>
internal sealed class TextWriterSink(TextWriter writer, TextWriter errors, LogEventLevel errorsFrom, ITextFormatter formatter) : ILogEventSink
{
    private readonly Lock _gate = new();

    public void Emit(LogEvent logEvent)
    {
        lock (_gate)
        {
            var to = logEvent.Level >= errorsFrom ? errors : writer;
            formatter.Format(logEvent, to);
            to.Flush();
        }
    }
}
