using System.Security.Cryptography;
using System.Text;

namespace Runway.Router.Admin;

/// <summary>
/// The bearer token the admin API requires, read from the token file, or generated into it (mode 600) when the file
/// does not exist. Compared in constant time over SHA-256 digests, so neither content nor length leaks by timing.
/// </summary>
public sealed class AdminToken
{
    private readonly byte[] _digest;

    private AdminToken(string token) => _digest = SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>Reads the token file, creating it with a random token when missing.</summary>
    public static AdminToken LoadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            Create(path);
        }

        var token = File.ReadAllText(path).Trim();
        return token.Length > 0
            ? new AdminToken(token)
            : throw new InvalidOperationException($"Token file {path} is empty; delete it to have a new token generated, or write a token into it.");
    }

    /// <summary>True when <paramref name="authorization"/> is <c>Bearer &lt;token&gt;</c> with the right token.</summary>
    public bool Accepts(string? authorization)
    {
        const string Scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(authorization[Scheme.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(presented, _digest);
    }

    private static void Create(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(path, Encoding.ASCII, options);
        writer.Write(Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant());
    }
}
