namespace Runway.Targets.Parameters;

/// <summary>Suggests the names a mistyped input probably meant.</summary>
public static class NameSuggestions
{
    /// <summary>
    /// The candidates closest to <paramref name="input"/> by edit distance, ignoring case, nearest first; only those
    /// within a third of the input's length (at least one edit), or that start with the input.
    /// </summary>
    /// <param name="input">What the user typed.</param>
    /// <param name="candidates">The names that exist.</param>
    /// <param name="max">How many suggestions at most.</param>
    public static IReadOnlyList<string> Nearest(string input, IEnumerable<string> candidates, int max = 3)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(candidates);
        var typed = input.ToLowerInvariant();
        var threshold = Math.Max(1, typed.Length / 3);
        return candidates
            .Distinct(StringComparer.Ordinal)
            .Select(candidate => (candidate, distance: Distance(typed, candidate.ToLowerInvariant())))
            .Where(match => match.distance <= threshold || IsPrefix(typed, match.candidate))
            .OrderBy(match => match.distance)
            .ThenBy(match => match.candidate, StringComparer.Ordinal)
            .Take(max)
            .Select(match => match.candidate)
            .ToList();
    }

    private static bool IsPrefix(string typed, string candidate) =>
        typed.Length >= 3 && candidate.StartsWith(typed, StringComparison.OrdinalIgnoreCase);

    /// <summary>Levenshtein distance with adjacent transpositions counted as one edit.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
