using System.Collections;
using System.Globalization;

namespace Runway.Targets.Parameters;

/// <summary>The text forms of secret values that a log sink must mask.</summary>
internal static class SecretText
{
    /// <summary>Every non-empty text form, distinct, longest first so that a mask never leaves a longer secret's tail.</summary>
    public static IReadOnlyList<string> Of(IEnumerable<object?> values) =>
        values.SelectMany(Texts)
            .Where(text => !string.IsNullOrEmpty(text))
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(text => text.Length)
            .ThenBy(text => text, StringComparer.Ordinal)
            .ToList();

    private static IEnumerable<string> Texts(object? value) => value switch
    {
        null => [],
        string text => [text],
        FileSystemInfo path => [path.FullName],
        IEnumerable items => items.Cast<object?>().SelectMany(Texts),
        IFormattable formattable => [formattable.ToString(null, CultureInfo.InvariantCulture)],
        _ => [value.ToString() ?? ""],
    };
}
