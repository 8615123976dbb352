using System.Globalization;

namespace Runway.Bench.Database;

/// <summary>The benchmark's knobs, from the command line.</summary>
internal sealed record BenchSettings(int SizeMb, int Scripts, int Rounds, int MigrationRounds, int Jobs)
{
    public static BenchSettings Parse(string[] args) => new(
        Int(args, "--size-mb", 520), Int(args, "--scripts", 500), Int(args, "--rounds", 3), Int(args, "--migration-rounds", 5), Int(args, "--jobs", 2));

    public string Command => $"dotnet run -c Release --project bench/Runway.Bench.Database -- --size-mb {SizeMb} --scripts {Scripts} --rounds {Rounds} --migration-rounds {MigrationRounds} --jobs {Jobs}";

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
