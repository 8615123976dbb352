namespace Runway.Checklists;

/// <summary>Who is responsible for validating an item, as the seed checklists abbreviate it (B, T, H).</summary>
public enum ChecklistOwner
{
    /// <summary>B: whoever builds and ships the release.</summary>
    Builder,

    /// <summary>T: whoever tests the release.</summary>
    Tester,

    /// <summary>H: a human operator (announcements, reviews, sign-offs).</summary>
    Human,
}

/// <summary>Reads owner cells and annotations.</summary>
public static class ChecklistOwners
{
    /// <summary>The spellings accepted for an owner, for error messages.</summary>
    public const string Allowed = "B (Builder), T (Tester), H (Human)";

    /// <summary>Maps <c>B</c>/<c>T</c>/<c>H</c> or the full word (any case) to an owner; false when unknown.</summary>
    public static bool TryParse(string text, out ChecklistOwner owner)
    {
        (var known, owner) = text.Trim().ToUpperInvariant() switch
        {
            "B" or "BUILDER" => (true, ChecklistOwner.Builder),
            "T" or "TESTER" => (true, ChecklistOwner.Tester),
            "H" or "HUMAN" => (true, ChecklistOwner.Human),
            _ => (false, default),
        };
        return known;
    }
}
