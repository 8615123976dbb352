using System.Text.RegularExpressions;

namespace Runway.Database.Migrations;

/// <summary>Identifiers cannot be SQL parameters, so the few that Runway interpolates are validated and quoted here.</summary>
internal static partial class SqlIdentifier
{
    public static bool IsValidQualified(string name) => QualifiedName().IsMatch(name);

    /// <summary>Quotes each part of a validated (optionally schema-qualified) name.</summary>
    public static string Quote(string name) => string.Join('.', name.Split('.').Select(part => $"\"{part}\""));

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}(\\.[a-z_][a-z0-9_]{0,62})?$")]
    private static partial Regex QualifiedName();
}
