using System.Globalization;
using Serilog;
using Serilog.Configuration;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;
using Serilog.Formatting.Compact;
using Serilog.Sinks.SystemConsole.Themes;

namespace Runway.Targets.Logging;

/// <summary>Creates the run's logger: console plus a CLEF file, every sink behind secret masking.</summary>
internal static class BuildLogger
{
    public static Logger Create(LoggerSettings settings, CurrentTargetEnricher enricher, SecretMasker masker)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(settings.FilePath)!);
        return new LoggerConfiguration()
            .MinimumLevel.Verbose()
            .Enrich.With(enricher)
            .WriteTo.Masked(masker, to => to.Sink(LoggerSinkConfiguration.Wrap(sink => new ReadableDurationSink(sink), inner => Console(inner, settings))),
                settings.Verbosity.MinimumLevel())
            .WriteTo.Masked(masker, to => to.File(new CompactJsonFormatter(), settings.FilePath))
            .CreateLogger();
    }

    private static LoggerConfiguration Masked(this LoggerSinkConfiguration to, SecretMasker masker, Action<LoggerSinkConfiguration> configure,
        LogEventLevel minimum = LogEventLevel.Verbose) =>
        to.Sink(LoggerSinkConfiguration.Wrap(sink => new MaskingSink(sink, masker), configure), minimum);

    private static void Console(LoggerSinkConfiguration to, LoggerSettings settings)
    {
        var template = settings.Verbosity == Verbosity.Verbose
            ? "{Timestamp:HH:mm:ss} [{Level:u3}] {Message:lj}{NewLine}{Exception}"
            : "{Timestamp:HH:mm:ss} [{Level:u3}] {Message:lj}{NewLine}";
        // Diagnostics (warnings, errors) go to standard error; so does everything when standard output is data.
        var errorsFrom = settings.AllToStandardError ? LogEventLevel.Verbose : LogEventLevel.Warning;
        var formatter = new MessageTemplateTextFormatter(template, CultureInfo.InvariantCulture);
        if (settings.Console is { } writer) to.Sink(new TextWriterSink(writer, settings.ErrorConsole ?? writer, errorsFrom, formatter));
        else to.Console(outputTemplate: template, formatProvider: CultureInfo.InvariantCulture,
            theme: settings.UseColours ? AnsiConsoleTheme.Code : ConsoleTheme.None, standardErrorFromLevel: errorsFrom);
    }
}

/// <summary>Where and how much to log.</summary>
internal sealed record LoggerSettings(TextWriter? Console, bool UseColours, Verbosity Verbosity, string FilePath)
{
    /// <summary>Where warnings and errors go when <see cref="Console"/> is set (tests).</summary>
    public TextWriter? ErrorConsole { get; init; }

    /// <summary>Standard output is data: every console line goes to standard error.</summary>
    public bool AllToStandardError { get; init; }
}
