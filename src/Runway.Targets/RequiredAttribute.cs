namespace Runway.Targets;

/// <summary>
/// Marks a parameter every run needs, as Nuke's <c>[Required]</c>: a run whose plan is not empty fails before any
/// target starts when the parameter is null or blank, saying how to set it. (<c>--help</c> and <c>--plan</c> still work.)
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class RequiredAttribute : Attribute;
