using System.Reflection;

namespace Runway.Targets.Parameters;

/// <summary>One <c>[Parameter]</c> member of a build class and the names under which it can be set.</summary>
/// <param name="MemberName">The field or property name as declared, e.g. <c>_bakeTime</c> or <c>BakeTime</c>.</param>
/// <param name="CliName">The command-line name without dashes, e.g. <c>bake-time</c>.</param>
/// <param name="EnvironmentName">The environment variable, e.g. <c>RUNWAY_BAKE_TIME</c>.</param>
/// <param name="JsonName">The key in <c>.nuke/parameters*.json</c>, e.g. <c>BakeTime</c>.</param>
/// <param name="Type">The member's declared type.</param>
/// <param name="Description">The description given to <see cref="ParameterAttribute"/>.</param>
/// <param name="IsSecret">Whether the member carries <see cref="SecretAttribute"/>.</param>
/// <param name="DefaultValue">The initialiser's value, read before binding.</param>
/// <param name="AllowedValues">The enum member names for enum (or enum array) parameters; empty otherwise.</param>
public sealed record ParameterDescriptor(
    string MemberName,
    string CliName,
    string EnvironmentName,
    string JsonName,
    Type Type,
    string Description,
    bool IsSecret,
    object? DefaultValue,
    IReadOnlyList<string> AllowedValues)
{
    /// <summary>
    /// Whether <c>null</c> may be bound (a JSON <c>null</c>): nullable value types, and reference types declared
    /// nullable (<c>string?</c>) or in code without nullable annotations. The schema says the same.
    /// </summary>
    public bool AllowsNull { get; init; } = ParameterTypes.AcceptsNull(Type);

    /// <summary>Whether the member carries <see cref="RequiredAttribute"/>: every run needs a value.</summary>
    public bool IsRequired => Member?.IsDefined(typeof(RequiredAttribute), inherit: true) ?? false;

    /// <summary>The field or property this descriptor reads and writes.</summary>
    internal MemberInfo? Member { get; init; }

    /// <summary>Reads the parameter's current value from a build instance.</summary>
    public object? GetValue(object build) => RequiredMember switch
    {
        FieldInfo field => field.GetValue(build),
        PropertyInfo property => property.GetValue(build),
        _ => throw new InvalidOperationException($"Parameter '{CliName}' is not a field or property."),
    };

    internal void SetValue(object build, object? value)
    {
        switch (RequiredMember)
        {
            case FieldInfo field:
                field.SetValue(build, value);
                break;
            case PropertyInfo property:
                property.SetValue(build, value);
                break;
        }
    }

    /// <summary>Names the parameter without its default, which may be a secret.</summary>
    public override string ToString() => $"--{CliName} ({Type.Name})";

    private MemberInfo RequiredMember => Member
        ?? throw new InvalidOperationException($"Parameter '{CliName}' was not created by ParameterDiscovery.");
}
