using System.Globalization;

namespace Runway.Environments.HAProxy;

/// <summary>One server slot of the backend as <c>show stat</c> reports it.</summary>
/// <param name="Name">The slot's name, e.g. <c>slot3</c>.</param>
/// <param name="Address">Its address, <c>ip:port</c>.</param>
/// <param name="Status">HAProxy's status: <c>MAINT</c> (free), <c>DRAIN</c>, <c>no check</c>, <c>UP</c>, …</param>
/// <param name="Weight">Its weight.</param>
/// <param name="Sessions">Sessions open on it now.</param>
/// <param name="TotalSessions">Sessions it has served since HAProxy started.</param>
/// <param name="CheckStatus">Its last health check's result (<c>L7OK</c>, <c>L4CON</c>, <c>L7STS</c>, …); empty when HAProxy does not check it.</param>
/// <param name="LastCheck">What the last check saw (<c>Connection refused</c>, the status line, …); often empty.</param>
public sealed record HAProxyServer(string Name, string Address, string Status, int Weight, int Sessions, long TotalSessions, string CheckStatus = "", string LastCheck = "")
{
    /// <summary>True when the slot holds no instance (in maintenance).</summary>
    public bool Free => Status.StartsWith("MAINT", StringComparison.Ordinal);

    /// <summary>True when it is being drained: no new traffic.</summary>
    public bool Draining => Status.StartsWith("DRAIN", StringComparison.Ordinal);

    /// <summary>The weight it receives new traffic with.</summary>
    public int ServingWeight => Free || Draining ? 0 : Weight;

    /// <summary>
    /// Its health by HAProxy's own checks (the server needs <c>check</c>): UP is healthy, DOWN is not, with the check's
    /// result; otherwise (no check, drained, in maintenance) HAProxy cannot tell.
    /// </summary>
    public InstanceHealth Health =>
        Status.StartsWith("UP", StringComparison.Ordinal) && CheckStatus.Length > 0 ? InstanceHealth.Ok
        : Status.StartsWith("DOWN", StringComparison.Ordinal) ? InstanceHealth.Failing($"{Address} fails HAProxy's health check ({Check})")
        : InstanceHealth.Unknown(Status == "no check"
            ? $"HAProxy does not health-check {Address} ({Name}): add 'check' to the server-template and 'option httpchk GET <health path>' to the backend"
            : $"HAProxy reports {Address} ({Name}) as {Status}, which says nothing of its health");

    private string Check => string.Join(" ", new[] { CheckStatus, LastCheck }.Where(s => s.Length > 0)) is { Length: > 0 } text ? text : "no result yet";

    /// <summary>The servers of <paramref name="backend"/> in a <c>show stat</c> CSV answer.</summary>
    public static IReadOnlyList<HAProxyServer> Parse(string csv, string backend)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var header = lines.FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal))?[2..].Split(',')
            ?? throw new InvalidOperationException($"HAProxy's 'show stat' answered without a header: {csv.Trim()}");
        int Column(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new InvalidOperationException($"HAProxy's 'show stat' has no {name} column.");
        var (px, sv, addr, status, weight, scur, stot) = (Column("pxname"), Column("svname"), Column("addr"), Column("status"), Column("weight"), Column("scur"), Column("stot"));
        var (check, lastCheck) = (Column("check_status"), Column("last_chk"));
        var rows = lines.Where(l => !l.StartsWith('#')).Select(l => l.Split(',')).Where(f => f[px] == backend).ToList();
        if (rows.Count == 0)
            throw new InvalidOperationException($"HAProxy has no backend {backend}. Set --haproxy-backend (HAProxyBackend in the profile) to the backend that holds the server-template slots.");
        return rows.Where(f => f[sv] is not ("BACKEND" or "FRONTEND"))
            .Select(f => new HAProxyServer(f[sv], f[addr], f[status], Int(f[weight]), Int(f[scur]), long.Parse(Blank(f[stot]), CultureInfo.InvariantCulture),
                f[check], f[lastCheck]))
            .ToList();
    }

    private static int Int(string value) => int.Parse(Blank(value), CultureInfo.InvariantCulture);

    private static string Blank(string value) => value.Length == 0 ? "0" : value;
}
