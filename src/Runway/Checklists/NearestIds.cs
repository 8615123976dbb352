namespace Runway.Checklists;

/// <summary>Suggests ids close to a mistyped one (edit distance, or sharing a prefix).</summary>
internal static class NearestIds
{
    public static IReadOnlyList<string> Find(string wanted, IEnumerable<string> ids, int count) =>
        [.. ids.Select(id => (id, distance: Distance(wanted, id)))
            .Where(p => p.distance <= Math.Max(3, wanted.Length / 3) || p.id.Contains(wanted, StringComparison.Ordinal))
            .OrderBy(p => p.distance).ThenBy(p => p.id, StringComparer.Ordinal)
            .Take(count).Select(p => p.id)];

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }
}
