using Runway.Phases;
using Serilog;

namespace Runway.Environments.HAProxy;

/// <summary>The HAProxy router a profile describes.</summary>
public static class HAProxyRouters
{
    /// <summary>The router of <paramref name="settings"/>; fails naming a missing setting.</summary>
    public static HAProxyRouter Create(PipelineSettings settings, ILogger logger)
    {
        var service = settings.Service;
        if (string.IsNullOrWhiteSpace(service.HAProxySocket) || service.HAProxyUrl is null)
            throw new InvalidOperationException(
                "TrafficRouter haproxy needs --haproxy-socket (its admin socket, 'stats socket … level admin') and --haproxy-url (the URL users reach); set HAProxySocket and HAProxyUrl in the profile.");
        return new HAProxyRouter(new HAProxyRouterOptions { Socket = service.HAProxySocket, Backend = service.HAProxyBackend, Url = service.HAProxyUrl }, TimeProvider.System, logger);
    }
}
