using System.Globalization;

namespace Runway.Environments.HAProxy;

/// <summary>One server slot of the backend as <c>show stat</c> reports it.</summary>
/// <param name="Name">The slot's name, e.g. <c>slot3</c>.</param>
/// <param name="Address">Its address, <c>ip:port</c>.</param>
/// <param name="Status">HAProxy's status: <c>MAINT</c> (free), <c>DRAIN</c>, <c>no check</c>, <c>UP</c>, …</param>
/// <param name="Weight">Its weight.</param>
/// <param name="Sessions">Sessions open on it now.</param>
/// <param name="TotalSessions">Sessions it has served since HAProxy started.</param>
public sealed record HAProxyServer(string Name, string Address, string Status, int Weight, int Sessions, long TotalSessions)
{
    /// <summary>True when the slot holds no instance (in maintenance).</summary>
    public bool Free => Status.StartsWith("MAINT", StringComparison.Ordinal);

    /// <summary>True when it is being drained: no new traffic.</summary>
    public bool Draining => Status.StartsWith("DRAIN", StringComparison.Ordinal);

    /// <summary>The weight it receives new traffic with.</summary>
    public int ServingWeight => Free || Draining ? 0 : Weight;

    /// <summary>The servers of <paramref name="backend"/> in a <c>show stat</c> CSV answer.</summary>
    public static IReadOnlyList<HAProxyServer> Parse(string csv, string backend)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var header = lines.FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal))?[2..].Split(',')
            ?? throw new InvalidOperationException($"HAProxy's 'show stat' answered without a header: {csv.Trim()}");
        int Column(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new InvalidOperationException($"HAProxy's 'show stat' has no {name} column.");
        var (px, sv, addr, status, weight, scur, stot) = (Column("pxname"), Column("svname"), Column("addr"), Column("status"), Column("weight"), Column("scur"), Column("stot"));
        var rows = lines.Where(l => !l.StartsWith('#')).Select(l => l.Split(',')).Where(f => f[px] == backend).ToList();
        if (rows.Count == 0)
            throw new InvalidOperationException($"HAProxy has no backend {backend}. Set --haproxy-backend (HAProxyBackend in the profile) to the backend that holds the server-template slots.");
        return rows.Where(f => f[sv] is not ("BACKEND" or "FRONTEND"))
            .Select(f => new HAProxyServer(f[sv], f[addr], f[status], Int(f[weight]), Int(f[scur]), long.Parse(Blank(f[stot]), CultureInfo.InvariantCulture)))
            .ToList();
    }

    private static int Int(string value) => int.Parse(Blank(value), CultureInfo.InvariantCulture);

    private static string Blank(string value) => value.Length == 0 ? "0" : value;
}
