using Runway.Service;

namespace Runway.Load;

/// <summary>What synthetic load to send. Validate once with <see cref="Validate"/>.</summary>
public sealed class LoadOptions
{
    /// <summary>Base URL the load goes through, normally the router.</summary>
    public required Uri Target { get; init; }

    /// <summary>The request sent, from the service contract. Default <c>GET /</c>.</summary>
    public ServiceRequest Request { get; init; } = new("GET", "/", null, new Dictionary<string, string>());

    /// <summary>The response header naming the release that answered (from the contract), or null: traffic is not split by release.</summary>
    public string? ReleaseHeader { get; init; }

    /// <summary>Requests per second aimed for. Default 20 (below the sample's default limit of 30 per client).</summary>
    public double RequestsPerSecond { get; init; } = 20;

    /// <summary>Requests in flight at most. Default 4.</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>When the load stops at the latest. Default 15 minutes; cancel the run to stop sooner.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Bearer token sent with every request (secret: never logged), or null for none.</summary>
    public string? Token { get; init; }

    /// <summary>Throws when an option is out of range, naming it and the allowed range.</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public LoadOptions Validate()
    {
        ArgumentNullException.ThrowIfNull(Target);
        if (RequestsPerSecond is <= 0 or > 10_000 || Concurrency is < 1 or > 1_000 || Duration <= TimeSpan.Zero || Request?.Path.StartsWith('/') != true)
        {
            throw new ArgumentException(
                $"Invalid load options: RequestsPerSecond ({RequestsPerSecond}) must be in (0, 10000], Concurrency ({Concurrency}) in [1, 1000], Duration ({Duration}) positive, Request.Path ('{Request?.Path}') must start with '/'.");
        }

        return this;
    }
}
