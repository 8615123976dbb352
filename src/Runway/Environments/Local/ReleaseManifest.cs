using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Runway.Environments.Local;

/// <summary>
/// What a published release is: its version, the content hash of the sources it was built from, and the digest of
/// its files. Kept beside the files (<see cref="FileName"/>), so that a later run reuses the artifact only when its
/// sources are unchanged, and knows when a folder no longer holds what was published.
/// </summary>
/// <param name="Release">The version.</param>
/// <param name="Sources">SHA-256 of the inputs (see <see cref="ReleaseSources"/>).</param>
/// <param name="Digest">SHA-256 over the published files' relative paths and contents.</param>
/// <param name="PublishedAt">When it was published.</param>
public sealed record ReleaseManifest(string Release, string Sources, string Digest, DateTimeOffset PublishedAt)
{
    /// <summary>The manifest's file name inside a release folder.</summary>
    public const string FileName = "runway-release.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The manifest in <paramref name="folder"/>, or null when there is none (or it is unreadable).</summary>
    public static ReleaseManifest? Read(string folder)
    {
        var file = Path.Combine(folder, FileName);
        if (!File.Exists(file)) return null;
        try
        {
            return JsonSerializer.Deserialize<ReleaseManifest>(File.ReadAllText(file), Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Writes the manifest into <paramref name="folder"/>.</summary>
    public void Write(string folder) => Runway.Files.AtomicFile.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, Json));

    /// <summary>The SHA-256 digest of the files in <paramref name="folder"/> (the manifest excluded).</summary>
    public static string DigestOf(string folder)
    {
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Where(f => f != FileName)
            .Order(StringComparer.Ordinal);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(file + "\n"));
            hash.AppendData(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, file))));
        }
        return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }

    /// <summary>The manifest as ledger and checklist evidence.</summary>
    public JsonObject ToEvidence() => new()
    {
        ["release"] = Release,
        ["digest"] = "sha256:" + Digest,
        ["sources"] = "sha256:" + Sources,
        ["publishedAt"] = PublishedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
    };
}
