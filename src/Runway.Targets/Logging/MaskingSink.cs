using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace Runway.Targets.Logging;

/// <summary>Wraps a sink so that no secret value reaches it: template text, property values (recursively) and exceptions are masked.</summary>
internal sealed class MaskingSink(ILogEventSink inner, SecretMasker masker) : ILogEventSink, IDisposable
{
    private readonly MessageTemplateParser _parser = new();

    public void Emit(LogEvent logEvent) => inner.Emit(masker.IsEmpty ? logEvent : Masked(logEvent));

    public void Dispose() => (inner as IDisposable)?.Dispose();

    private LogEvent Masked(LogEvent e) => new(
        e.Timestamp,
        e.Level,
        Masked(e.Exception),
        masker.Reveals(e.MessageTemplate.Text) ? _parser.Parse(masker.Apply(e.MessageTemplate.Text)) : e.MessageTemplate,
        e.Properties.Select(p => new LogEventProperty(p.Key, Masked(p.Value))),
        e.TraceId ?? default,
        e.SpanId ?? default);

    private Exception? Masked(Exception? exception)
    {
        if (exception is null) return null;
        var text = exception.ToString();
        return masker.Reveals(text) ? new MaskedException(masker.Apply(exception.Message), masker.Apply(text)) : exception;
    }

    private LogEventPropertyValue Masked(LogEventPropertyValue value) => value switch
    {
        ScalarValue { Value: string s } => masker.Reveals(s) ? new ScalarValue(masker.Apply(s)) : value,
        ScalarValue { Value: { } other } when masker.Reveals(other.ToString() ?? "") => new ScalarValue(masker.Apply(other.ToString()!)),
        SequenceValue sequence => new SequenceValue(sequence.Elements.Select(Masked)),
        StructureValue structure => new StructureValue(structure.Properties.Select(p => new LogEventProperty(p.Name, Masked(p.Value))), structure.TypeTag),
        DictionaryValue dictionary => new DictionaryValue(dictionary.Elements.Select(
            p => new KeyValuePair<ScalarValue, LogEventPropertyValue>((ScalarValue)Masked(p.Key), Masked(p.Value)))),
        _ => value,
    };
}
