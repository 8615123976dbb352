using Runway.Environments;
using Runway.Tests.Service;

namespace Runway.Tests.Environments.HAProxy;

/// <summary>
/// A pool runtime whose instances are real HTTP servers (Node-style stand-ins) started in the test process: the
/// HAProxy tests are about the router, so the runtime stays simple (the example's commands run real processes).
/// </summary>
public sealed class InProcessPools(int instancesPerPool, NodeStyleOptions? options = null) : IPoolRuntime, IAsyncDisposable
{
    private readonly Dictionary<string, List<NodeStyleService>> _pools = [];

    public string Name => "production";

    public async Task<RuntimePool> StartAsync(string release, CancellationToken cancellationToken)
    {
        if (!_pools.ContainsKey(release))
        {
            var instances = new List<NodeStyleService>();
            for (var i = 0; i < instancesPerPool; i++)
                instances.Add(await NodeStyleService.StartAsync(release, options));
            _pools[release] = instances;
        }

        return Pool(release);
    }

    public async Task StopAsync(string release, CancellationToken cancellationToken)
    {
        if (!_pools.Remove(release, out var instances)) return;
        foreach (var instance in instances)
            await instance.DisposeAsync();
    }

    /// <summary>Stops one instance as a crash would: the runtime still lists it until the pool is deployed again.</summary>
    public ValueTask CrashAsync(string release, int instance) => _pools[release][instance].DisposeAsync();

    /// <summary>How many times the pools were read.</summary>
    public int Reads { get; private set; }

    public Task<IReadOnlyList<RuntimePool>> ReadAsync(CancellationToken cancellationToken)
    {
        Reads++;
        return Task.FromResult<IReadOnlyList<RuntimePool>>(_pools.Keys.Order(StringComparer.Ordinal).Select(Pool).ToList());
    }

    private RuntimePool Pool(string release) => new(release, _pools[release].Select(s => new InstanceSnapshot(s.Url.ToString().TrimEnd('/'), null)).ToList());

    public async ValueTask DisposeAsync()
    {
        foreach (var release in _pools.Keys.ToList())
            await StopAsync(release, CancellationToken.None);
    }
}
