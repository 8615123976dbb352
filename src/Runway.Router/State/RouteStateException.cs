namespace Runway.Router.State;

/// <summary>The state file cannot be read as a route table; the message names the file and the fix.</summary>
public sealed class RouteStateException(string message) : Exception(message);
