using System.Text.RegularExpressions;

namespace Runway.Checklists.Parsing;

/// <summary>
/// The binding an author writes at the end of an item, invisible on GitHub:
/// <c>&lt;!-- runway: id=backup-verified phase=Migration check=backup-verified owner=B --&gt;</c>,
/// or the short form <c>&lt;!-- id: backup-verified --&gt;</c>.
/// </summary>
internal sealed partial record ItemAnnotation(string? Id, ChecklistPhase? Phase, string? CheckId, ChecklistOwner? Owner)
{
    public static ItemAnnotation None { get; } = new(null, null, null, null);

    /// <summary>Splits trailing comments off <paramref name="text"/> and reads any annotation among them.</summary>
    public static (string Text, ItemAnnotation Annotation) Extract(string text, Func<string, Exception> error)
    {
        var annotation = None;
        var match = TrailingComment().Match(text);
        while (match.Success)
        {
            annotation = Merge(annotation, Read(match.Groups["body"].Value, error), error);
            text = text[..match.Index];
            match = TrailingComment().Match(text);
        }
        return (text.Trim(), annotation);
    }

    /// <summary>True when a line holds a runway annotation anywhere (used to reject stray ones).</summary>
    public static bool Mentions(string line) => AnyAnnotation().IsMatch(line);

    private static ItemAnnotation Read(string body, Func<string, Exception> error)
    {
        body = body.Trim();
        if (body.StartsWith("id:", StringComparison.Ordinal))
            return None with { Id = ValidId(body[3..].Trim(), error) };
        if (!body.StartsWith("runway:", StringComparison.Ordinal))
            return None; // an ordinary comment
        var annotation = None;
        foreach (var pair in body[7..].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            annotation = With(annotation, pair, error);
        return annotation;
    }

    private static ItemAnnotation With(ItemAnnotation annotation, string pair, Func<string, Exception> error)
    {
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        var (key, value) = equals < 0 ? (pair, "") : (pair[..equals], pair[(equals + 1)..]);
        return key switch
        {
            "id" => annotation with { Id = ValidId(value, error) },
            "phase" => annotation with { Phase = ParsePhase(value, error) },
            "check" => annotation with { CheckId = Check(value, error) },
            "owner" => annotation with { Owner = ParseOwner(value, error) },
            _ => throw error($"unknown annotation key '{key}' in '{pair}'. Allowed keys: id, phase, check, owner (written key=value)."),
        };
    }

    private static string ValidId(string id, Func<string, Exception> error) =>
        IdPattern().IsMatch(id) ? id
            : throw error($"invalid item id '{id}'. Use lower-case letters, digits and dashes, starting with a letter or digit, at most {ChecklistItemIds.MaxLength} characters.");

    private static ChecklistPhase ParsePhase(string value, Func<string, Exception> error) =>
        Enum.GetNames<ChecklistPhase>().Contains(value, StringComparer.Ordinal) // exact names only: no numbers, no "A,B" flag combinations
            ? Enum.Parse<ChecklistPhase>(value)
            : throw error($"unknown phase '{value}'. Allowed phases: {string.Join(", ", Enum.GetNames<ChecklistPhase>())}.");

    private static string Check(string value, Func<string, Exception> error) =>
        CheckIds.IsKnown(value) ? value
            : throw error($"unknown check '{value}'. Allowed checks: {string.Join(", ", CheckIds.All)}.");

    private static ChecklistOwner ParseOwner(string value, Func<string, Exception> error) =>
        ChecklistOwners.TryParse(value, out var owner) ? owner
            : throw error($"unknown owner '{value}'. Allowed owners: {ChecklistOwners.Allowed}.");

    private static ItemAnnotation Merge(ItemAnnotation later, ItemAnnotation earlier, Func<string, Exception> error)
    {
        if (later.Id is not null && earlier.Id is not null && later.Id != earlier.Id)
            throw error($"two different ids given ('{earlier.Id}' and '{later.Id}'). Keep one.");
        return new(later.Id ?? earlier.Id, later.Phase ?? earlier.Phase, later.CheckId ?? earlier.CheckId, later.Owner ?? earlier.Owner);
    }

    [GeneratedRegex(@"\s*<!--(?<body>(?:(?!-->).)*)-->\s*$")]
    private static partial Regex TrailingComment();

    [GeneratedRegex(@"<!--\s*(runway:|id:)")]
    private static partial Regex AnyAnnotation();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{0,79}$")]
    private static partial Regex IdPattern();
}
