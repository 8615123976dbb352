using System.Globalization;

namespace Runway.Phases;

/// <summary>Orders release versions as people read them: 1.10.0 after 1.9.0, numbers numerically, other parts by text.</summary>
public static class ReleaseVersion
{
    private static readonly char[] Separators = ['.', '-', '+', '_'];

    /// <summary>Negative when <paramref name="a"/> is older than <paramref name="b"/>, zero when equal, positive when newer.</summary>
    public static int Compare(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var (left, right) = (Parts(a), Parts(b));
        for (var i = 0; i < Math.Min(left.Length, right.Length); i++)
        {
            var order = ComparePart(left[i], right[i]);
            if (order != 0) return order;
        }
        return left.Length.CompareTo(right.Length);
    }

    private static string[] Parts(string version) => version.Trim().TrimStart('v', 'V').Split(Separators, StringSplitOptions.RemoveEmptyEntries);

    private static int ComparePart(string a, string b) =>
        long.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var x) && long.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            ? x.CompareTo(y)
            : string.CompareOrdinal(a, b);
}
