using System.Text.Json.Nodes;
using Npgsql;

namespace Runway.Ledger;

/// <summary>
/// The domain's one masker for text that is stored or printed: the ledger's errors, evidence, notes and event
/// payloads (and so every report and <c>Status</c>, which read the ledger). The build passes it the values of its
/// secret parameters; the password inside a connection string is masked on its own too, since a failing script
/// prints the password, not the whole connection string.
/// </summary>
public sealed class SecretMasker
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "*****";

    private readonly IReadOnlyList<string> _secrets;

    /// <summary>A masker for <paramref name="secrets"/> (blank values are ignored).</summary>
    public SecretMasker(IEnumerable<string?> secrets) =>
        // Longest first, so a secret that contains a shorter one is masked whole.
        _secrets = [.. secrets.OfType<string>().SelectMany(WithPasswords).Where(s => !string.IsNullOrWhiteSpace(s)).Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length)];

    /// <summary>A masker that masks nothing.</summary>
    public static SecretMasker None { get; } = new([]);

    /// <summary><paramref name="text"/> with every secret replaced by <see cref="Mask"/>.</summary>
    public string Apply(string text)
    {
        foreach (var secret in _secrets)
            if (text.Contains(secret, StringComparison.Ordinal)) text = text.Replace(secret, Mask, StringComparison.Ordinal);
        return text;
    }

    /// <summary>Like <see cref="Apply(string)"/>; null stays null.</summary>
    public string? ApplyOrNull(string? text) => text is null ? null : Apply(text);

    /// <summary>A copy of <paramref name="json"/> with every string (and property name) masked; null stays null.</summary>
    public JsonObject? Apply(JsonObject? json) => json is null ? null : (JsonObject)Masked(json)!;

    /// <summary>True when <paramref name="text"/> holds a secret.</summary>
    public bool Reveals(string text) => _secrets.Any(s => text.Contains(s, StringComparison.Ordinal));

    private JsonNode? Masked(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(Apply(p.Key), Masked(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Masked)]),
        JsonValue v when v.TryGetValue<string>(out var text) => JsonValue.Create(Apply(text)),
        _ => node.DeepClone(),
    };

    private static IEnumerable<string> WithPasswords(string secret)
    {
        yield return secret;
        string? password = null;
        try
        {
            password = new NpgsqlConnectionStringBuilder(secret).Password;
        }
        catch (ArgumentException)
        {
            // Not a connection string: the value itself is the secret.
        }
        if (!string.IsNullOrEmpty(password)) yield return password;
    }
}
