using System.Globalization;
using System.Text.RegularExpressions;

namespace Runway.Targets.Parameters;

/// <summary>
/// Reads durations written as <c>250ms</c>, <c>30s</c>, <c>5m</c>, <c>2h</c>, <c>1d</c>, <c>1h30m</c> or <c>hh:mm:ss</c>, with or
/// without spaces (<c>1 m 30 s</c>, as <see cref="DurationText"/> writes them).
/// </summary>
internal static partial class Durations
{
    /// <summary>The JSON-schema pattern matching every form <see cref="TryParse"/> accepts.</summary>
    public const string Pattern = @"^(( ?[0-9]+(\.[0-9]+)? ?(ms|s|m|h|d))+|([0-9]+\.)?[0-9]{1,2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,7})?)$";

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var trimmed = text.Trim();
        if (trimmed.Contains(':', StringComparison.Ordinal))
        {
            return ClockForm().IsMatch(trimmed) && TimeSpan.TryParseExact(trimmed, "c", CultureInfo.InvariantCulture, out value);
        }

        try
        {
            return TryParseUnits(trimmed, out value);
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    private static bool TryParseUnits(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (!UnitsForm().IsMatch(text))
        {
            return false;
        }

        foreach (Match part in UnitPart().Matches(text))
        {
            var amount = double.Parse(part.Groups["amount"].Value, CultureInfo.InvariantCulture);
            value += part.Groups["unit"].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                _ => TimeSpan.FromDays(amount),
            };
        }

        return true;
    }

    // Patterns use [0-9], not \d, which in .NET also matches non-ASCII digits that the invariant parsers reject.
    [GeneratedRegex(@"^([0-9]+\.)?[0-9]{1,2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,7})?$", RegexOptions.CultureInvariant)]
    private static partial Regex ClockForm();

    [GeneratedRegex(@"^( ?[0-9]+(\.[0-9]+)? ?(ms|s|m|h|d))+$", RegexOptions.CultureInvariant)]
    private static partial Regex UnitsForm();

    [GeneratedRegex(@"(?<amount>[0-9]+(\.[0-9]+)?) ?(?<unit>ms|s|m|h|d)", RegexOptions.CultureInvariant)]
    private static partial Regex UnitPart();
}
