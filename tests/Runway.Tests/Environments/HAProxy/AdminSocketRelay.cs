using System.Net.Sockets;

namespace Runway.Tests.Environments.HAProxy;

/// <summary>
/// A Unix socket in front of a real haproxy's admin socket that passes every byte both ways and counts the
/// connections (one per runtime-API call), so a test can see how many times Runway talked to HAProxy.
/// </summary>
public sealed class AdminSocketRelay : IAsyncDisposable
{
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly CancellationTokenSource _stop = new();
    private readonly string _upstream;
    private readonly Task _accepting;
    private int _calls;

    public AdminSocketRelay(string upstream)
    {
        _upstream = upstream;
        Socket = Path.Combine(Path.GetDirectoryName(upstream)!, "relay.sock");
        _listener.Bind(new UnixDomainSocketEndPoint(Socket));
        _listener.Listen();
        _accepting = AcceptAsync();
    }

    /// <summary>The relay's socket: give it to Runway instead of HAProxy's.</summary>
    public string Socket { get; }

    /// <summary>Runtime-API calls (connections) so far.</summary>
    public int Calls => Volatile.Read(ref _calls);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Interlocked.Increment(ref _calls);
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        using var upstream = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        using (client)
        {
            await upstream.ConnectAsync(new UnixDomainSocketEndPoint(_upstream));
            await using var fromClient = new NetworkStream(client);
            await using var toHAProxy = new NetworkStream(upstream);
            // HAProxy answers one line of commands and closes: the answer ends the exchange.
            var request = fromClient.CopyToAsync(toHAProxy);
            await toHAProxy.CopyToAsync(fromClient);
            client.Shutdown(SocketShutdown.Both);
            _ = request.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        try
        {
            await _accepting;
        }
        catch (ObjectDisposedException)
        {
            // The listener closed under the accept.
        }

        _stop.Dispose();
    }
}
