namespace Runway.Targets;

/// <summary>
/// Marks a field or property of a build class as a parameter. Its value comes, strongest first, from the
/// command line (<c>--kebab-case</c>), the environment (<c>RUNWAY_UPPER_SNAKE</c>), the profile files
/// (<c>.nuke/parameters.&lt;profile&gt;.json</c>), <c>.nuke/parameters.json</c>, and finally its initialiser.
/// </summary>
/// <param name="description">What the parameter controls; shown in help and in the generated schema.</param>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class ParameterAttribute(string description = "") : Attribute
{
    /// <summary>What the parameter controls; shown in help and in the generated schema.</summary>
    public string Description { get; } = description;

    /// <summary>
    /// Overrides the member name from which the command-line, environment and JSON names are derived,
    /// e.g. <c>Name = "ReleaseVersion"</c> gives <c>--release-version</c> and <c>RUNWAY_RELEASE_VERSION</c>.
    /// </summary>
    public string? Name { get; init; }
}
