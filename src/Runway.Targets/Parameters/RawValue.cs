namespace Runway.Targets.Parameters;

/// <summary>
/// A parameter's value as text, before conversion: one item for a scalar, several for a list.
/// <paramref name="Items"/> is null when a JSON file sets the parameter to <c>null</c>.
/// </summary>
/// <param name="Items">The textual items.</param>
/// <param name="Source">The kind of source.</param>
/// <param name="Origin">Where exactly, for messages, e.g. <c>--bake-time on the command line</c>.</param>
internal sealed record RawValue(IReadOnlyList<string>? Items, ParameterSource Source, string Origin);
