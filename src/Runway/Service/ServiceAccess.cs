namespace Runway.Service;

/// <summary>
/// How Runway talks to the team's service: the HTTP client, the service's contract (read on first use, so targets that
/// never send a request never need the file), its token, and whether its instances are reachable from this runner.
/// </summary>
public sealed class ServiceAccess(HttpClient http, Func<ServiceContract> readContract, string? configuredToken, bool instancesReachable)
{
    private readonly Lazy<ServiceContract> _contract = new(readContract);

    /// <summary>The run's HTTP client.</summary>
    public HttpClient Http => http;

    /// <summary>The service's contract (<c>deploy/service.json</c>).</summary>
    public ServiceContract Contract => _contract.Value;

    /// <summary>The token for requests to the service: null when the contract says the service needs none.</summary>
    public string? Token => Contract.NeedsToken ? configuredToken : null;

    /// <summary>The token as configured (<c>--service-token</c>), whatever the contract says: smoke probes ask for it one by one.</summary>
    public string? ConfiguredToken => configuredToken;

    /// <summary>True when this runner reaches each instance directly (the local profile); false when only the router's URL is reachable.</summary>
    public bool InstancesReachable => instancesReachable;
}
