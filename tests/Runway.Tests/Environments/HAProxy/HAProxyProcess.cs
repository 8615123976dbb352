using System.Diagnostics;
using System.Net.Sockets;
using Runway.Testing;

namespace Runway.Tests.Environments.HAProxy;

/// <summary>
/// A real <c>haproxy</c> (Debian's package) on a free port with its admin socket in a temporary folder, and one
/// backend of free server slots, as deploy/examples/haproxy-prometheus/haproxy.cfg declares it.
/// </summary>
public sealed class HAProxyProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private HAProxyProcess(Process process, string directory, Uri url, string socket)
    {
        _process = process;
        _directory = directory;
        Url = url;
        Socket = socket;
    }

    public Uri Url { get; }

    public string Socket { get; }

    /// <param name="slots">The backend's free server slots.</param>
    /// <param name="retries">HAProxy retries a request that finds a stopping instance on another one.</param>
    /// <param name="healthCheck">The path HAProxy health-checks each server on (every 200 ms), or null for no checks.</param>
    public static async Task<HAProxyProcess> StartAsync(int slots = 8, bool retries = true, string? healthCheck = null)
    {
        var directory = Directory.CreateTempSubdirectory("runway-haproxy-").FullName;
        var port = PostgresServer.FreePort();
        var config = Path.Combine(directory, "haproxy.cfg");
        await File.WriteAllTextAsync(config, $"""
            global
              stats socket {Path.Combine(directory, "admin.sock")} mode 600 level admin
            defaults
              mode http
              timeout connect 2s
              timeout client 30s
              timeout server 30s
              retries 3
              option redispatch 1
              {(retries ? "retry-on conn-failure empty-response response-timeout" : "retry-on none")}
            frontend users
              bind 127.0.0.1:{port}
              default_backend service
            backend service
              balance roundrobin
              {(healthCheck is null ? "" : $"option httpchk GET {healthCheck}")}
              {(healthCheck is null ? "" : "default-server inter 200ms fall 1 rise 1")}
              server-template slot 1-{slots} 127.0.0.1:9 disabled{(healthCheck is null ? "" : " check")}

            """);
        return await RunAsync(new ProcessStartInfo("haproxy", ["-f", config, "-db"]), directory, port, Path.Combine(directory, "admin.sock"));
    }

    /// <summary>
    /// HAProxy with deploy/examples/haproxy-prometheus/haproxy.cfg itself, as the example's start.sh runs it (its
    /// <c>${…}</c> variables from the environment), so what is tested is the configuration a team copies.
    /// </summary>
    public static async Task<HAProxyProcess> StartExampleAsync()
    {
        var directory = Directory.CreateTempSubdirectory("runway-haproxy-").FullName;
        var port = PostgresServer.FreePort();
        var start = new ProcessStartInfo("haproxy", ["-f", Path.Combine(RepositoryRoot.Path, "deploy", "examples", "haproxy-prometheus", "haproxy.cfg"), "-db"]);
        start.Environment["EXAMPLE_STATE"] = directory;
        start.Environment["HAPROXY_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["STAGING_PORT"] = PostgresServer.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await RunAsync(start, directory, port, Path.Combine(directory, "haproxy.sock"));
    }

    private static async Task<HAProxyProcess> RunAsync(ProcessStartInfo start, string directory, int port, string socket)
    {
        start.RedirectStandardError = true;
        start.RedirectStandardOutput = true;
        var process = Process.Start(start) ?? throw new InvalidOperationException("haproxy did not start: apt-get install -y haproxy");
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var haproxy = new HAProxyProcess(process, directory, new Uri($"http://127.0.0.1:{port}"), socket);
        await haproxy.WaitForSocketAsync();
        return haproxy;
    }

    private async Task WaitForSocketAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (_process.HasExited) throw new InvalidOperationException($"haproxy exited with {_process.ExitCode}");
            if (File.Exists(Socket))
            {
                try
                {
                    using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(Socket));
                    return;
                }
                catch (SocketException)
                {
                    // Bound but not accepting yet.
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("haproxy's admin socket did not open within 20 s.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
