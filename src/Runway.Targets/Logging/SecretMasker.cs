namespace Runway.Targets.Logging;

/// <summary>Replaces every occurrence of a secret value in a text with <see cref="Mask"/>.</summary>
internal sealed class SecretMasker
{
    public const string Mask = "*****";

    private readonly IReadOnlyList<string> _secrets;

    public SecretMasker(IEnumerable<string> secrets) =>
        // Longest first, so a secret that contains a shorter one is masked whole.
        _secrets = secrets.Where(s => !string.IsNullOrWhiteSpace(s)).Distinct().OrderByDescending(s => s.Length).ToList();

    public bool IsEmpty => _secrets.Count == 0;

    public string Apply(string text)
    {
        foreach (var secret in _secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal)) text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }
        return text;
    }

    public bool Reveals(string text) => _secrets.Any(s => text.Contains(s, StringComparison.Ordinal));
}
