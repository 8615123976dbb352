using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Runway.Tests.Smoke;

/// <summary>A Serilog sink that keeps every rendered message, to check what reaches the logs.</summary>
public sealed class LogCapture : ILogEventSink
{
    private readonly List<string> _lines = [];

    public ILogger Logger => new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(this).CreateLogger();

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public void Emit(LogEvent logEvent)
    {
        lock (_lines)
        {
            _lines.Add(logEvent.RenderMessage() + " " + string.Join(" ", logEvent.Properties.Values));
        }
    }
}
