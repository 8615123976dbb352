namespace Runway.Service;

/// <summary>
/// What Runway needs to know about the deployed service, read from <c>deploy/service.json</c>: where it reports
/// health, the request used for warm-up and synthetic load, whether it needs a token, the tools it is built and run
/// with, and how to read its metrics. Nothing of one particular service is compiled into Runway.
/// </summary>
/// <param name="HealthPath">The readiness path, e.g. <c>/health/ready</c>.</param>
/// <param name="Request">The request that warms instances and makes up the synthetic load.</param>
/// <param name="Auth">Whether the service needs a bearer token (<c>bearer</c>) or not (<c>none</c>).</param>
/// <param name="ReleaseHeader">A response header naming the release that answered (counts traffic per release); null: none.</param>
/// <param name="ConcurrentRequest">The request <c>load-10-concurrent</c> starts ten of at once (default: <see cref="Request"/>).</param>
/// <param name="Tools">The tools and versions the service needs (the <c>tool-versions</c> check).</param>
/// <param name="Metrics">How to read the service's request counts, errors and latency.</param>
public sealed record ServiceContract(
    string HealthPath,
    ServiceRequest Request,
    ServiceAuth Auth,
    string? ReleaseHeader,
    ServiceRequest? ConcurrentRequest,
    IReadOnlyList<ToolContract> Tools,
    MetricsContract Metrics)
{
    /// <summary>True when requests to the service carry a bearer token.</summary>
    public bool NeedsToken => Auth == ServiceAuth.Bearer;
}

/// <summary>How the service authenticates Runway's requests.</summary>
public enum ServiceAuth
{
    /// <summary>No authentication: no token is needed or sent.</summary>
    None,

    /// <summary>A bearer token (<c>--service-token</c>) in the Authorization header.</summary>
    Bearer,
}

/// <summary>
/// One HTTP request to the service. In the body and header values, <c>{token}</c> is replaced by the service token
/// and <c>{run}</c> by the request's number (so concurrent creations get distinct names).
/// </summary>
/// <param name="Method">GET, POST, PUT, PATCH or DELETE.</param>
/// <param name="Path">Path and query, starting with <c>/</c>.</param>
/// <param name="Body">A JSON body, or null.</param>
/// <param name="Headers">Extra headers.</param>
public sealed record ServiceRequest(string Method, string Path, string? Body, IReadOnlyDictionary<string, string> Headers);

/// <summary>A tool the service needs and its accepted versions [Minimum, Below).</summary>
/// <param name="Name">What people call it, e.g. <c>node</c>.</param>
/// <param name="Command">The command that prints its version, e.g. <c>["node", "--version"]</c>.</param>
/// <param name="Minimum">The lowest accepted version, e.g. <c>22.0</c>.</param>
/// <param name="Below">The first version no longer accepted, or null.</param>
public sealed record ToolContract(string Name, IReadOnlyList<string> Command, string Minimum, string? Below);
