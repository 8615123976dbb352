namespace Runway.Targets.Logging;

/// <summary>Stands in for a logged exception whose message or stack trace text held a secret.</summary>
internal sealed class MaskedException(string message, string text) : Exception(message)
{
    /// <summary>The original exception's full text (type, message, stack trace), masked.</summary>
    public override string ToString() => text;
}
