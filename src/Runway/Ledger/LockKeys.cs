using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Runway.Ledger;

/// <summary>
/// Advisory lock keys. The ledger's own locks use the two-integer key space, environments the single-bigint one:
/// PostgreSQL keeps the two spaces apart, so an environment name can never collide with them.
/// </summary>
internal static class LockKeys
{
    /// <summary>"RWAY": the class id of the ledger's own two-integer locks.</summary>
    public const int Class = 0x52574159;

    /// <summary>Serialises schema upgrades.</summary>
    public const int Schema = 1;

    /// <summary>Serialises event appends so the hash chain stays linear.</summary>
    public const int Events = 2;

    /// <summary>A stable key for an environment: the first 8 bytes of SHA-256 of its name.</summary>
    public static long ForEnvironment(string environment)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("runway.environment:" + environment));
        return BinaryPrimitives.ReadInt64BigEndian(hash);
    }
}
