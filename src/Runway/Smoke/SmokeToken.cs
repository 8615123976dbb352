namespace Runway.Smoke;

/// <summary>Puts the secret token into probe text and keeps it out of anything shown.</summary>
public static class SmokeToken
{
    /// <summary>The placeholder probes write where the token goes.</summary>
    public const string Placeholder = "{token}";

    /// <summary>What a token is replaced with in results and logs.</summary>
    public const string Mask = "***";

    /// <summary>Replaces the placeholder with the token.</summary>
    public static string Fill(string text, string? token) =>
        token is null ? text : text.Replace(Placeholder, token, StringComparison.Ordinal);

    /// <summary>Replaces every occurrence of the token with <see cref="Mask"/>.</summary>
    public static string Hide(string text, string? token) =>
        string.IsNullOrEmpty(token) ? text : text.Replace(token, Mask, StringComparison.Ordinal);
}
