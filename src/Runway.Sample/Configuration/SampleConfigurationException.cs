namespace Runway.Sample.Configuration;

/// <summary>The sample's configuration is missing or invalid; the message names the key and the fix.</summary>
public sealed class SampleConfigurationException(string message) : Exception(message);
