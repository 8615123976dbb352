namespace Runway.Smoke;

/// <summary>The probes file is missing or malformed; the message names the file, the probe and the fix.</summary>
public sealed class SmokeProbeFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SmokeProbeFileException(string message, Exception? inner) : base(message, inner)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SmokeProbeFileException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public SmokeProbeFileException() : base("The smoke probes file is invalid.")
    {
    }
}
