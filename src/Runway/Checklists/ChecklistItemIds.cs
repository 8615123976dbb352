using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Runway.Checklists;

/// <summary>
/// Derives stable ids for items whose author gave none: a slug of the innermost heading and the item text.
/// Only the item's own heading and text go in, so adding, removing or reordering other items, or renaming
/// other sections, leaves the id alone. A leading section number ("1. ") is dropped so renumbering keeps ids.
/// </summary>
public static partial class ChecklistItemIds
{
    /// <summary>The longest id accepted, explicit or derived.</summary>
    public const int MaxLength = 80;

    private const int SectionPartLength = 24;
    private const int TextPartLength = 48;

    /// <summary>The derived id for an item, before de-duplication.</summary>
    public static string Derive(string innermostHeading, string text)
    {
        var section = Slug(SectionNumber().Replace(innermostHeading, ""), SectionPartLength);
        var item = Slug(text, TextPartLength);
        var id = section.Length == 0 ? item : item.Length == 0 ? section : $"{section}-{item}";
        return id.Length == 0 ? "item" : id;
    }

    /// <summary>
    /// Makes <paramref name="id"/> unique against <paramref name="taken"/> by appending -2, -3, … in document order,
    /// and records it as taken.
    /// </summary>
    public static string Unique(string id, ISet<string> taken)
    {
        var candidate = id;
        for (var n = 2; !taken.Add(candidate); n++)
            candidate = $"{id}-{n}";
        return candidate;
    }

    /// <summary>Lower-case ASCII letters and digits joined by single dashes, cut at a word boundary within <paramref name="max"/>.</summary>
    public static string Slug(string text, int max)
    {
        var ascii = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            ascii.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-');
        }
        var slug = Dashes().Replace(ascii.ToString(), "-").Trim('-');
        if (slug.Length <= max) return slug;
        var cut = slug.LastIndexOf('-', max);
        return (cut > 0 ? slug[..cut] : slug[..max]).Trim('-');
    }

    [GeneratedRegex(@"^\s*\d+(\.\d+)*[.)]\s+")]
    private static partial Regex SectionNumber();

    [GeneratedRegex("-{2,}")]
    private static partial Regex Dashes();
}
