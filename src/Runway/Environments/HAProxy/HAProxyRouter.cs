using System.Globalization;
using System.Net;
using Serilog;

namespace Runway.Environments.HAProxy;

/// <summary>
/// Splits traffic with HAProxy's runtime API. All releases share one backend declared with a
/// <c>server-template</c> of free slots (in maintenance): a pool's instances take free slots (<c>set server … addr</c>,
/// <c>state ready</c>) at weight 0, weights are per server so that each release's servers together get its share,
/// and a removed pool is drained (<c>state drain</c>) until <c>show stat</c> shows no open session, then its slots
/// are freed (<c>state maint</c>). The split read back comes from HAProxy itself, never from what Runway last set.
/// </summary>
/// <remarks>
/// One backend rather than a backend per release: HAProxy weighs servers within a backend, not backends, so a split
/// between backends would need ACLs with random numbers in the configuration and a reload per change; slots in one
/// backend change at runtime, without reload, and one command line moves all weights at once.
/// </remarks>
public sealed class HAProxyRouter(HAProxyRouterOptions options, TimeProvider time, ILogger logger) : ITrafficRouter, IInstanceHealthSource
{
    // Divisible by 1 to 6 and 8, and at 100 % on one server still inside HAProxy's 0–256.
    private const int Scale = 240;

    private readonly HAProxyRuntimeApi _api = new(options.Socket);

    /// <inheritdoc />
    public string? Url => options.Url?.ToString();

    /// <summary>The backend's slots as HAProxy reports them now.</summary>
    public async Task<IReadOnlyList<HAProxyServer>> ServersAsync(CancellationToken cancellationToken) =>
        HAProxyServer.Parse(await _api.SendAsync(["show stat"], cancellationToken).ConfigureAwait(false), options.Backend);

    /// <inheritdoc />
    public async Task AddAsync(RuntimePool pool, CancellationToken cancellationToken)
    {
        var servers = await ServersAsync(cancellationToken).ConfigureAwait(false);
        var commands = new List<string>();
        Join(pool, servers, new Queue<HAProxyServer>(servers.Where(s => s.Free)), commands);
        if (commands.Count == 0) return;
        await _api.SendAsync(commands, cancellationToken).ConfigureAwait(false);
        logger.Information("HAProxy {Backend}: {Release} added with {Instances} instances at weight 0", options.Backend, pool.Release, pool.Instances.Count);
    }

    /// <summary>
    /// Sets the split with one read of the backend and one batch of commands (a rollback's flip waits on nothing else):
    /// a pool given traffic that is not in the backend yet takes its free slots in the same batch.
    /// </summary>
    public async Task SetWeightsAsync(IReadOnlyDictionary<string, int> weights, IReadOnlyList<RuntimePool> pools, CancellationToken cancellationToken)
    {
        var servers = await ServersAsync(cancellationToken).ConfigureAwait(false);
        var free = new Queue<HAProxyServer>(servers.Where(s => s.Free));
        var commands = new List<string>();
        foreach (var pool in pools)
        {
            var weight = weights.GetValueOrDefault(pool.Release);
            var slots = Slots(servers, pool).Select(s => s.Name).ToList();
            if (weight > 0) slots.AddRange(Join(pool, servers, free, commands));
            var each = weight == 0 || slots.Count == 0 ? 0 : Math.Clamp((int)Math.Round(weight * (double)Scale / (100 * slots.Count)), 1, 256);
            foreach (var slot in slots)
                commands.AddRange([$"set server {options.Backend}/{slot} weight {each}", $"set server {options.Backend}/{slot} state ready"]);
        }

        await _api.SendAsync(commands, cancellationToken).ConfigureAwait(false);
        logger.Information("HAProxy {Backend}: weights {Weights}", options.Backend, string.Join(",", weights.Select(w => $"{w.Key}={w.Value}")));
    }

    /// <summary>Each instance's health by HAProxy's own checks; an instance missing from the backend is unhealthy (no traffic can reach it).</summary>
    public async Task<IReadOnlyDictionary<string, InstanceHealth>> HealthAsync(RuntimePool pool, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var servers = await ServersAsync(cancellationToken).ConfigureAwait(false);
        return pool.Instances.ToDictionary(i => i.Url, i => servers.FirstOrDefault(s => !s.Free && s.Address == Address(i)) is { } server
            ? server.Health
            : InstanceHealth.Failing($"{i.Url} is not in HAProxy's backend {options.Backend}"));
    }

    // Puts the instances of pool that are not in the backend into free slots at weight 0: adds the commands, returns the slots taken.
    private List<string> Join(RuntimePool pool, IReadOnlyList<HAProxyServer> servers, Queue<HAProxyServer> free, List<string> commands)
    {
        var taken = new List<string>();
        foreach (var address in Addresses(pool).Where(a => !servers.Any(s => !s.Free && s.Address == a)))
        {
            var slot = free.Count > 0 ? free.Dequeue() : throw new InvalidOperationException(
                $"HAProxy backend {options.Backend} has no free server slot for {address} of {pool.Release}. Raise the server-template count in haproxy.cfg.");
            var (host, port) = Split(address);
            commands.AddRange([$"set server {options.Backend}/{slot.Name} addr {host} port {port}", $"set server {options.Backend}/{slot.Name} weight 0",
                $"set server {options.Backend}/{slot.Name} state ready"]);
            taken.Add(slot.Name);
        }

        return taken;
    }

    /// <inheritdoc />
    public async Task DrainAsync(RuntimePool pool, CancellationToken cancellationToken)
    {
        var slots = Slots(await ServersAsync(cancellationToken).ConfigureAwait(false), pool);
        if (slots.Count == 0) return;
        await _api.SendAsync(slots.Select(s => $"set server {options.Backend}/{s.Name} state drain").ToList(), cancellationToken).ConfigureAwait(false);
        var open = await WaitForNoSessionsAsync(pool, cancellationToken).ConfigureAwait(false);
        await _api.SendAsync(slots.Select(s => $"set server {options.Backend}/{s.Name} state maint").ToList(), cancellationToken).ConfigureAwait(false);
        logger.Information("HAProxy {Backend}: {Release} drained ({Open} sessions left at removal) and its slots freed", options.Backend, pool.Release, open);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, int>> ReadWeightsAsync(IReadOnlyList<RuntimePool> pools, CancellationToken cancellationToken)
    {
        var servers = await ServersAsync(cancellationToken).ConfigureAwait(false);
        var byRelease = pools.ToDictionary(p => p.Release, p => Slots(servers, p).Sum(s => s.ServingWeight));
        var total = byRelease.Values.Sum();
        return byRelease.ToDictionary(r => r.Key, r => total == 0 ? 0 : (int)Math.Round(r.Value * 100.0 / total));
    }

    private async Task<int> WaitForNoSessionsAsync(RuntimePool pool, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            var open = Slots(await ServersAsync(cancellationToken).ConfigureAwait(false), pool).Sum(s => s.Sessions);
            if (open == 0 || time.GetElapsedTime(started) >= options.DrainTimeout) return open;
            await Task.Delay(TimeSpan.FromMilliseconds(100), time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static List<HAProxyServer> Slots(IReadOnlyList<HAProxyServer> servers, RuntimePool pool)
    {
        var addresses = Addresses(pool).ToHashSet(StringComparer.Ordinal);
        return servers.Where(s => !s.Free && addresses.Contains(s.Address)).ToList();
    }

    /// <summary>An instance's <c>ip:port</c> as HAProxy writes it in <c>show stat</c>.</summary>
    private static IEnumerable<string> Addresses(RuntimePool pool) => pool.Instances.Select(Address);

    private static string Address(InstanceSnapshot instance)
    {
        var url = new Uri(instance.Url);
        var ip = IPAddress.TryParse(url.Host, out var parsed) ? parsed : Dns.GetHostAddresses(url.Host).First(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);
        return $"{ip}:{url.Port.ToString(CultureInfo.InvariantCulture)}";
    }

    private static (string Host, string Port) Split(string address) => (address[..address.LastIndexOf(':')], address[(address.LastIndexOf(':') + 1)..]);
}
