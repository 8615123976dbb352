using Runway.Service;
using Serilog;

namespace Runway.Load;

/// <summary>
/// The synthetic load a bake runs under (<c>--synthetic-load</c>, <c>--load-rate</c>): the contract's request sent
/// through the environment's URL, the way users reach the service.
/// </summary>
public sealed class SyntheticLoad(ServiceAccess service, bool enabled, double requestsPerSecond, TimeProvider time, ILogger logger)
{
    /// <summary>A load of <paramref name="duration"/> against <paramref name="url"/>; null when load is off or there is no URL.</summary>
    public LoadGenerator? Create(string? url, TimeSpan duration) =>
        enabled && url is not null
            ? new LoadGenerator(service.Http, new LoadOptions
            {
                Target = new Uri(url),
                Token = service.Token,
                Request = service.Contract.Request,
                ReleaseHeader = service.Contract.ReleaseHeader,
                RequestsPerSecond = requestsPerSecond,
                Duration = duration,
            }, time, logger)
            : null;

    /// <summary>
    /// A bake's <paramref name="reason"/>, with its cause first when the verdict is inconclusive and the load
    /// <paramref name="sent"/> through <paramref name="url"/> could not connect: "too little traffic" alone sends a
    /// person to the release or the bake time when it was the router that was not there.
    /// </summary>
    public static string Reason(Canary.CanaryVerdict verdict, string reason, LoadSnapshot? sent, string? url) =>
        verdict == Canary.CanaryVerdict.Inconclusive && url is not null && sent?.NotConnectedCause(url) is { } cause
            ? $"{cause} (is the router running? ./build.sh Status); {reason}"
            : reason;
}
