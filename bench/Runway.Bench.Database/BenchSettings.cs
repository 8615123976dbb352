using System.Globalization;

namespace Runway.Bench.Database;

/// <summary>The benchmark's knobs, from the command line.</summary>
internal sealed record BenchSettings(int SizeMb, int Scripts, int Rounds, int MigrationRounds, int Jobs)
{
    /// <summary>Only the backup repository (S3 upload and download against s3cmd) and the lost-writes forecast.</summary>
    public bool RepositoryOnly { get; init; }

    /// <summary>The size of the archive the repository bench transfers.</summary>
    public int S3SizeMb { get; init; } = 512;

    /// <summary>A quick run at small sizes that proves the bench works; its figures mean nothing and are not written to bench/RESULTS.md.</summary>
    public bool Smoke { get; init; }

    public static BenchSettings Parse(string[] args)
    {
        var smoke = args.Contains("--smoke");
        return new(Int(args, "--size-mb", smoke ? 16 : 520), Int(args, "--scripts", smoke ? 20 : 500), Int(args, "--rounds", smoke ? 1 : 3),
            Int(args, "--migration-rounds", smoke ? 1 : 5), Int(args, "--jobs", 2))
        {
            RepositoryOnly = args.Contains("--repository-only"),
            S3SizeMb = Int(args, "--s3-size-mb", smoke ? 16 : 512),
            Smoke = smoke,
        };
    }

    /// <summary>The whole bench (backups, migrations, S3 repository against s3cmd, the forecast) with these sizes, in Release.</summary>
    public string Command => $"dotnet run -c Release --project bench/Runway.Bench.Database -- --size-mb {SizeMb} --scripts {Scripts} --rounds {Rounds} --migration-rounds {MigrationRounds} --jobs {Jobs} --s3-size-mb {S3SizeMb}";

    private static int Int(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}

internal static class FreePort
{
    public static int Next()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
