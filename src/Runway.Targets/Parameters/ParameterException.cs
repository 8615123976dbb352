namespace Runway.Targets.Parameters;

/// <summary>
/// A parameter or command-line input could not be used. The message names the input, where it came from and
/// the expected form; it never contains a secret value.
/// </summary>
public sealed class ParameterException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public ParameterException()
        : base("A build parameter is invalid.")
    {
    }

    /// <summary>Creates the exception with a message for the user.</summary>
    public ParameterException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message for the user and the underlying cause.</summary>
    public ParameterException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
