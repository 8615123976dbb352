namespace Runway.Canary;

/// <summary>A pool's metrics could not be read; the message names the instance and what to check.</summary>
public sealed class MetricsUnavailableException : Exception
{
    /// <summary>Creates the exception with a message saying what failed and what to do.</summary>
    public MetricsUnavailableException(string message, Exception? inner = null) : base(message, inner)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public MetricsUnavailableException() : base("Metrics could not be read.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MetricsUnavailableException(string message) : base(message)
    {
    }
}
