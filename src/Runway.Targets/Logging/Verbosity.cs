using Serilog.Events;

namespace Runway.Targets.Logging;

/// <summary>How much the console shows (<c>--verbosity</c>); the log file always gets everything.</summary>
internal enum Verbosity
{
    Quiet,
    Minimal,
    Normal,
    Verbose,
}

internal static class VerbosityLevels
{
    public static LogEventLevel MinimumLevel(this Verbosity verbosity) => verbosity switch
    {
        Verbosity.Quiet => LogEventLevel.Error,
        Verbosity.Minimal => LogEventLevel.Warning,
        Verbosity.Normal => LogEventLevel.Information,
        _ => LogEventLevel.Verbose,
    };
}
