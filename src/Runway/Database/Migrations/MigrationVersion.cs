using System.Globalization;

namespace Runway.Database.Migrations;

/// <summary>A versioned script's version, such as <c>1</c>, <c>1.1</c> or <c>2_1</c>, ordered numerically part by part (V2 before V10).</summary>
public sealed class MigrationVersion : IComparable<MigrationVersion>, IEquatable<MigrationVersion>
{
    private readonly long[] _parts;

    private MigrationVersion(long[] parts) => _parts = parts;

    /// <summary>Parses digits separated by <c>.</c> or <c>_</c>; null when <paramref name="text"/> is not such a version.</summary>
    public static MigrationVersion? TryParse(string text)
    {
        var pieces = text.Split('.', '_');
        var parts = new long[pieces.Length];
        for (var i = 0; i < pieces.Length; i++)
        {
            if (pieces[i].Length == 0 || !pieces[i].All(char.IsAsciiDigit)) return null;
            if (!long.TryParse(pieces[i], NumberStyles.None, CultureInfo.InvariantCulture, out parts[i])) return null;
        }
        return new MigrationVersion(parts);
    }

    /// <inheritdoc />
    public int CompareTo(MigrationVersion? other)
    {
        if (other is null) return 1;
        for (var i = 0; i < Math.Max(_parts.Length, other._parts.Length); i++)
        {
            var compared = Part(i).CompareTo(other.Part(i));
            if (compared != 0) return compared;
        }
        return 0;
    }

    /// <inheritdoc />
    public bool Equals(MigrationVersion? other) => CompareTo(other) == 0;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is MigrationVersion other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    /// <summary>The version with dots and without trailing zero parts, as the history records it (<c>2_1</c> → <c>2.1</c>).</summary>
    public override string ToString()
    {
        var length = _parts.Length;
        while (length > 1 && _parts[length - 1] == 0) length--;
        return string.Join('.', _parts.Take(length).Select(p => p.ToString(CultureInfo.InvariantCulture)));
    }

    private long Part(int index) => index < _parts.Length ? _parts[index] : 0;
}
