using System.Text.RegularExpressions;

namespace Runway.Checklists.Checks;

/// <summary>File names and contents that look like committed secrets. Findings name the pattern, never the text.</summary>
internal static partial class SecretPatterns
{
    private static readonly string[] AllowedEnvSuffixes = [".example", ".sample", ".template", ".dist"];

    /// <summary>Why a file's name marks it as a secret, or null.</summary>
    public static string? ByName(string path)
    {
        var name = Path.GetFileName(path);
        if (name == ".env" || (name.StartsWith(".env.", StringComparison.Ordinal) && !AllowedEnvSuffixes.Any(name.EndsWith)))
            return "environment file (.env)";
        if (name.EndsWith(".pem", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".p12", StringComparison.OrdinalIgnoreCase))
            return "key or certificate file";
        return PrivateKeyFile().IsMatch(name) ? "SSH private key file" : null;
    }

    /// <summary>Why a file's content looks like it holds a secret, or null.</summary>
    public static string? ByContent(string content) =>
        PrivateKeyBlock().IsMatch(content) ? "private key block"
        : AwsAccessKey().IsMatch(content) ? "AWS access key id"
        : GitHubToken().IsMatch(content) ? "GitHub token"
        : null;

    [GeneratedRegex(@"^id_(rsa|dsa|ecdsa|ed25519)$")]
    private static partial Regex PrivateKeyFile();

    [GeneratedRegex(@"-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY-----")]
    private static partial Regex PrivateKeyBlock();

    [GeneratedRegex(@"\bAKIA[0-9A-Z]{16}\b")]
    private static partial Regex AwsAccessKey();

    [GeneratedRegex(@"\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{60,})\b")]
    private static partial Regex GitHubToken();
}
