namespace Runway.Targets.Planning;

/// <summary>The targets or options asked for cannot be planned (unknown target, cycle, missing parameter); nothing has run.</summary>
internal sealed class PlanningException(string message) : Exception(message);
