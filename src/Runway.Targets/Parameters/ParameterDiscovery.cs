using System.Reflection;

namespace Runway.Targets.Parameters;

/// <summary>Finds the <c>[Parameter]</c> members of a build class.</summary>
public static class ParameterDiscovery
{
    private const BindingFlags DeclaredInstance =
        BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    /// <summary>
    /// Describes every public or non-public instance field and property carrying <see cref="ParameterAttribute"/>,
    /// including those declared on base classes, ordered by command-line name.
    /// </summary>
    /// <param name="buildType">The build class.</param>
    /// <param name="defaultsInstance">An instance not yet bound, whose member values are the defaults.</param>
    /// <exception cref="ParameterException">
    /// A member has an unsupported type, a property has no setter, or two members share a name.
    /// </exception>
    public static IReadOnlyList<ParameterDescriptor> Discover(Type buildType, object defaultsInstance)
    {
        ArgumentNullException.ThrowIfNull(buildType);
        ArgumentNullException.ThrowIfNull(defaultsInstance);
        var parameters = ParameterMembers(buildType)
            .Select(member => Describe(member, defaultsInstance))
            .OrderBy(parameter => parameter.CliName, StringComparer.Ordinal)
            .ToList();
        RejectDuplicateNames(parameters);
        return parameters;
    }

    private static IEnumerable<MemberInfo> ParameterMembers(Type buildType)
    {
        RejectStaticParameters(buildType);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var type = buildType; type is not null; type = type.BaseType)
        {
            foreach (var member in type.GetMembers(DeclaredInstance))
            {
                if (IsParameter(member) && (member is FieldInfo || seen.Add(member.Name)))
                {
                    yield return member;
                }
            }
        }
    }

    private static void RejectStaticParameters(Type buildType)
    {
        const BindingFlags statics = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.FlattenHierarchy;
        var member = buildType.GetMembers(statics).FirstOrDefault(IsParameter);
        if (member is not null)
        {
            throw new ParameterException(
                $"Parameter {member.DeclaringType?.Name}.{member.Name} is static. Make it an instance field or property.");
        }
    }

    // An overriding property is met again on its base class; the most derived one wins (see the 'seen' set).
    private static bool IsParameter(MemberInfo member) =>
        member is FieldInfo or PropertyInfo && member.IsDefined(typeof(ParameterAttribute), inherit: true);

    private static ParameterDescriptor Describe(MemberInfo member, object defaultsInstance)
    {
        var attribute = member.GetCustomAttribute<ParameterAttribute>(inherit: true)!;
        var type = MemberType(member);
        var name = attribute.Name ?? member.Name;
        var descriptor = new ParameterDescriptor(
            member.Name,
            ParameterNames.Kebab(name),
            ParameterNames.Environment(name),
            ParameterNames.Pascal(name),
            type,
            attribute.Description,
            member.IsDefined(typeof(SecretAttribute), inherit: true),
            null,
            ParameterTypes.AllowedValues(type)) { Member = member, AllowsNull = AllowsNull(member, type) };
        return descriptor with { DefaultValue = descriptor.GetValue(defaultsInstance) };
    }

    private static bool AllowsNull(MemberInfo member, Type type)
    {
        if (type.IsValueType) return Nullable.GetUnderlyingType(type) is not null;
        var context = new NullabilityInfoContext();
        var state = member is FieldInfo field ? context.Create(field).WriteState : context.Create((PropertyInfo)member).WriteState;
        return state != NullabilityState.NotNull;
    }

    private static Type MemberType(MemberInfo member)
    {
        var (type, writable) = member switch
        {
            FieldInfo field => (field.FieldType, true),
            PropertyInfo property => (property.PropertyType, property.SetMethod is not null && property.GetMethod is not null),
            _ => throw new InvalidOperationException($"Member {member.Name} is not a field or property."),
        };
        if (!ParameterTypes.IsSupported(type))
        {
            throw new ParameterException(
                $"Parameter {member.DeclaringType?.Name}.{member.Name} has type {type.Name}, which cannot be bound. " +
                $"Use {ParameterTypes.SupportedList}.");
        }

        return writable
            ? type
            : throw new ParameterException(
                $"Parameter property {member.DeclaringType?.Name}.{member.Name} needs both a getter and a setter ('init' or a private 'set' is fine).");
    }

    private static void RejectDuplicateNames(IReadOnlyList<ParameterDescriptor> parameters)
    {
        var duplicate = parameters.GroupBy(p => p.CliName, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ParameterException(
                $"Parameters {string.Join(" and ", duplicate.Select(p => p.MemberName))} both map to --{duplicate.Key}. " +
                "Rename one, or give it [Parameter(Name = ...)].");
        }
    }
}
