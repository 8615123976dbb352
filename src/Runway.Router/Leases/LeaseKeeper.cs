namespace Runway.Router.Leases;

/// <summary>A run's lease on the traffic: its fence, the release traffic returns to when it lapses, and when it lapses.</summary>
public sealed record TrafficLease(long Fence, string Stable, DateTimeOffset ExpiresAt);

/// <summary>The body of <c>PUT /lease</c> before validation.</summary>
public sealed record LeaseRequest(long? Fence, string? Stable, double? Seconds);

/// <summary>
/// Fences and the lease. A route change or lease presenting a fence older than the newest seen is refused: the run
/// that sent it lost its environment to a newer run. A change without a fence is an operator's and is let through.
/// The lease, renewed by the run holding the environment, lapses if the run dies; <see cref="TakeLapsed"/> hands it
/// over once, for the router to return traffic to its stable release.
/// </summary>
public sealed class LeaseKeeper(TimeProvider time)
{
    private readonly Lock _gate = new();
    private long _newestFence;
    private TrafficLease? _lease;

    /// <summary>The lease in force, or null.</summary>
    public TrafficLease? Current
    {
        get { lock (_gate) { return _lease; } }
    }

    /// <summary>Null when <paramref name="fence"/> may change routes (and is now the newest), else why not.</summary>
    public string? Admit(long? fence)
    {
        lock (_gate)
        {
            return AdmitLocked(fence);
        }
    }

    /// <summary>Takes or renews the lease; null when done, else why not.</summary>
    public string? Renew(LeaseRequest? request)
    {
        if (request?.Fence is not { } fence || fence < 1) return "\"fence\" is required: the fencing token of the run holding the environment (1 or more).";
        if (string.IsNullOrWhiteSpace(request.Stable)) return "\"stable\" is required: the release traffic returns to when the lease lapses.";
        if (request.Seconds is not { } seconds || seconds <= 0 || seconds > 86_400) return "\"seconds\" must be a duration from 0 to 86400 (exclusive of 0).";
        lock (_gate)
        {
            if (AdmitLocked(fence) is { } stale) return stale;
            _lease = new TrafficLease(fence, request.Stable.Trim(), time.GetUtcNow() + TimeSpan.FromSeconds(seconds));
            return null;
        }
    }

    /// <summary>Ends the lease of <paramref name="fence"/> (traffic stays as it is); null when done, else why not.</summary>
    public string? Release(long fence)
    {
        lock (_gate)
        {
            if (AdmitLocked(fence) is { } stale) return stale;
            if (_lease?.Fence == fence) _lease = null;
            return null;
        }
    }

    /// <summary>The lease if it has lapsed (removed, so it is handed over once), or null.</summary>
    public TrafficLease? TakeLapsed()
    {
        lock (_gate)
        {
            if (_lease is not { } lease || lease.ExpiresAt > time.GetUtcNow()) return null;
            _lease = null;
            return lease;
        }
    }

    private string? AdmitLocked(long? fence)
    {
        if (fence is not { } presented) return null;
        if (presented < _newestFence)
            return $"Fence {presented} is stale: the run with fence {_newestFence} holds this environment now. The run that sent it lost its lock and must stop.";
        _newestFence = presented;
        return null;
    }
}
