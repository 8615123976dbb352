using System.Net;
using Runway.Router.Routing;
using Yarp.ReverseProxy.Forwarder;

namespace Runway.Router.Proxy;

/// <summary>
/// Forwards one request to the destination <see cref="LiveRoutes"/> picks, unchanged both ways.
/// </summary>
/// <remarks>
/// Direct forwarding (<see cref="IHttpForwarder"/>) rather than YARP's config-provider model: the pool choice is a
/// weighted, per-request decision across clusters, the in-flight count must bracket exactly the forwarded call for the
/// drain, and a table swap must be one reference exchange. The config model would rebuild clusters and routes on every
/// change and hide the per-request bookkeeping that the drain depends on.
/// </remarks>
internal sealed class TrafficForwarder(IHttpForwarder forwarder, LiveRoutes routes, Serilog.ILogger logger) : IDisposable
{
    private readonly HttpMessageInvoker _client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        ActivityHeadersPropagator = null,
    });

    private readonly ForwarderRequestConfig _config = new() { ActivityTimeout = TimeSpan.FromSeconds(100) };

    public async Task ForwardAsync(HttpContext context)
    {
        if (!routes.TryAcquire(out var lease))
        {
            await RefuseAsync(context, "No release pool is configured: PUT /routes on the router's admin port.");
            return;
        }

        using (lease)
        {
            var error = await forwarder.SendAsync(context, lease.Destination.Url, _client, _config, HttpTransformer.Default);
            if (error == ForwarderError.None)
            {
                lease.Destination.ReportSuccess();
                return;
            }

            await ReportFailureAsync(context, lease, error);
        }
    }

    public void Dispose() => _client.Dispose();

    private async Task ReportFailureAsync(HttpContext context, DestinationLease lease, ForwarderError error)
    {
        // Client-side aborts say nothing about the destination's health.
        if (error is ForwarderError.Request or ForwarderError.RequestTimedOut or ForwarderError.ResponseHeaders)
        {
            lease.Destination.ReportFailure();
        }

        logger.Warning("Forwarding to {Release} at {Destination} failed: {Error}", lease.Release, lease.Destination.Url, error);
        await RefuseAsync(context, $"Release {lease.Release} at {lease.Destination.Url} did not answer ({error}).");
    }

    private static async Task RefuseAsync(HttpContext context, string message)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = StatusCodes.Status502BadGateway;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(message + "\n");
    }
}
