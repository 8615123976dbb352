using Runway.Phases;
using Serilog;

namespace Runway.Environments.HAProxy;

/// <summary>The HAProxy router a profile describes.</summary>
public static class HAProxyRouters
{
    /// <summary>The router of <paramref name="settings"/> (staging's backend and URL when <paramref name="staging"/>); fails naming a missing setting.</summary>
    public static HAProxyRouter Create(PipelineSettings settings, ILogger logger, bool staging = false)
    {
        var service = settings.Service;
        if (string.IsNullOrWhiteSpace(service.HAProxySocket) || service.HAProxyUrl is null)
            throw new InvalidOperationException(
                "TrafficRouter haproxy needs --haproxy-socket (its admin socket, 'stats socket … level admin') and --haproxy-url (the URL users reach); set HAProxySocket and HAProxyUrl in the profile.");
        if (staging && service.StagingHAProxyUrl is null)
            throw new InvalidOperationException(
                "Staging (--staging-database-connection-string is set) with TrafficRouter haproxy needs --staging-haproxy-url: the URL of the HAProxy frontend in front of --staging-haproxy-backend (default staging).");
        return new HAProxyRouter(new HAProxyRouterOptions
        {
            Socket = service.HAProxySocket,
            Backend = staging ? service.StagingHAProxyBackend : service.HAProxyBackend,
            Url = staging ? service.StagingHAProxyUrl : service.HAProxyUrl,
        }, TimeProvider.System, logger);
    }
}
