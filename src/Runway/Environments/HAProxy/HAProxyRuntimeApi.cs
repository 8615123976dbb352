using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Runway.Environments.HAProxy;

/// <summary>
/// HAProxy's runtime API on its admin socket (<c>stats socket … level admin</c>): a Unix socket path, or
/// <c>host:port</c>. One connection per call; commands separated by <c>;</c> run in order on that connection, so a
/// whole weight change reaches HAProxy in one write.
/// </summary>
public sealed class HAProxyRuntimeApi(string address)
{
    private static readonly string[] ErrorStarts = ["No such", "Require", "Invalid", "Unknown", "Permission denied", "Can't", "Cannot", "Unexpected", "'set server"];

    /// <summary>The socket's address.</summary>
    public string Address => address;

    /// <summary>Sends <paramref name="commands"/> and returns HAProxy's answer.</summary>
    /// <exception cref="InvalidOperationException">The socket cannot be reached, or HAProxy refused a command; the message names both.</exception>
    public async Task<string> SendAsync(IReadOnlyList<string> commands, CancellationToken cancellationToken)
    {
        var line = string.Join("; ", commands);
        string answer;
        try
        {
            answer = await ExchangeAsync(line, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException error)
        {
            throw new InvalidOperationException(
                $"HAProxy's admin socket {address} cannot be reached ({error.Message}). Check --haproxy-socket and that haproxy.cfg has 'stats socket {address} level admin'.", error);
        }

        var refused = answer.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => ErrorStarts.Any(e => l.StartsWith(e, StringComparison.OrdinalIgnoreCase)));
        if (refused is not null)
            throw new InvalidOperationException($"HAProxy at {address} refused '{line}': {refused}. Check the backend name (--haproxy-backend) and its server-template slots in haproxy.cfg.");
        return answer;
    }

    private async Task<string> ExchangeAsync(string line, CancellationToken cancellationToken)
    {
        using var socket = Connect(out var endpoint);
        await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
        await socket.SendAsync(Encoding.ASCII.GetBytes(line + "\n"), cancellationToken).ConfigureAwait(false);
        var answer = new StringBuilder();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            answer.Append(Encoding.ASCII.GetString(buffer, 0, read));
        return answer.ToString();
    }

    private Socket Connect(out EndPoint endpoint)
    {
        var colon = address.LastIndexOf(':');
        if (address.Contains('/', StringComparison.Ordinal) || colon < 0)
        {
            endpoint = new UnixDomainSocketEndPoint(address);
            return new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        }

        endpoint = new DnsEndPoint(address[..colon], int.Parse(address[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        return new Socket(SocketType.Stream, ProtocolType.Tcp);
    }
}
