namespace Runway.Targets.Parameters;

/// <summary>The types a parameter may have, and how each is described to a user.</summary>
internal static class ParameterTypes
{
    private static readonly HashSet<Type> Scalars =
    [
        typeof(string), typeof(bool), typeof(int), typeof(long), typeof(double), typeof(TimeSpan),
        typeof(FileInfo), typeof(DirectoryInfo),
    ];

    public const string SupportedList =
        "string, bool, int, long, double, TimeSpan, an enum, FileInfo, DirectoryInfo, a nullable of these, or an array of these";

    public static bool IsArray(Type type) => type.IsArray;

    /// <summary>The scalar type behind arrays and nullables: <c>int?[]</c> gives <c>int</c>.</summary>
    public static Type Scalar(Type type)
    {
        var element = type.IsArray ? type.GetElementType()! : type;
        return Nullable.GetUnderlyingType(element) ?? element;
    }

    public static bool IsSupported(Type type)
    {
        if (type.IsArray && type.GetArrayRank() != 1)
        {
            return false;
        }

        var scalar = Scalar(type);
        return Scalars.Contains(scalar) || scalar.IsEnum;
    }

    /// <summary>Whether JSON <c>null</c> may be bound: reference types and nullable value types.</summary>
    public static bool AcceptsNull(Type type) => !type.IsValueType || Nullable.GetUnderlyingType(type) is not null;

    public static IReadOnlyList<string> AllowedValues(Type type) =>
        Scalar(type) is { IsEnum: true } scalar ? Enum.GetNames(scalar) : [];

    public static string ExpectedForm(Type type)
    {
        var single = ExpectedScalarForm(Scalar(type));
        return type.IsArray ? $"a list whose items are each {single}" : single;
    }

    private static string ExpectedScalarForm(Type scalar) => scalar switch
    {
        _ when scalar == typeof(string) => "text",
        _ when scalar == typeof(bool) => "true or false (1 or 0)",
        _ when scalar == typeof(int) => $"a whole number between {int.MinValue} and {int.MaxValue}",
        _ when scalar == typeof(long) => "a whole number",
        _ when scalar == typeof(double) => "a number with '.' as the decimal point, e.g. 0.25",
        _ when scalar == typeof(TimeSpan) => "a duration such as 250ms, 30s, 5m, 2h, 1h30m or 01:30:00",
        _ when scalar == typeof(FileInfo) => "a file path, absolute or relative to the root directory",
        _ when scalar == typeof(DirectoryInfo) => "a directory path, absolute or relative to the root directory",
        _ when scalar.IsEnum => "one of " + string.Join(", ", Enum.GetNames(scalar)),
        _ => ParameterTypes.SupportedList,
    };
}
