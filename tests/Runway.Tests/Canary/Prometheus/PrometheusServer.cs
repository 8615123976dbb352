using System.Diagnostics;
using System.Text.Json;
using Runway.Testing;

namespace Runway.Tests.Canary.Prometheus;

/// <summary>
/// A real Prometheus (Debian's <c>prometheus</c> package) on a free port, scraping every second the targets the test
/// registers, each with its <c>release</c> and <c>environment</c> labels (file service discovery, as a deploy command would).
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    private readonly List<object> _targets = [];

    private PrometheusServer(Process process, string directory, Uri url)
    {
        _process = process;
        _directory = directory;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<PrometheusServer> StartAsync(int scrapeSeconds = 1)
    {
        var directory = Directory.CreateTempSubdirectory("runway-prometheus-").FullName;
        await File.WriteAllTextAsync(Path.Combine(directory, "targets.json"), "[]");
        await File.WriteAllTextAsync(Path.Combine(directory, "prometheus.yml"), $"""
            global:
              scrape_interval: {scrapeSeconds}s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: service
                file_sd_configs:
                  - files: ['{Path.Combine(directory, "targets.json")}']
                    refresh_interval: 1s
            """);
        var port = PostgresServer.FreePort();
        var process = Process.Start(new ProcessStartInfo("prometheus",
            [$"--config.file={Path.Combine(directory, "prometheus.yml")}", $"--storage.tsdb.path={Path.Combine(directory, "data")}", $"--web.listen-address=127.0.0.1:{port}"])
        {
            RedirectStandardError = true, RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("prometheus did not start: apt-get install -y prometheus");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var server = new PrometheusServer(process, directory, new Uri($"http://127.0.0.1:{port}/"));
        await server.WaitUntilAsync(async http => (await http.GetAsync(new Uri(server.Url, "-/ready"))).IsSuccessStatusCode, "Prometheus ready");
        return server;
    }

    /// <summary>Adds a scrape target and waits until Prometheus has scraped it (its <c>up</c> series is 1).</summary>
    public async Task AddTargetAsync(Uri instance, string release, string environment = "production")
    {
        _targets.Add(new { targets = new[] { $"{instance.Host}:{instance.Port}" }, labels = new { release, environment } });
        await File.WriteAllTextAsync(Path.Combine(_directory, "targets.json"), JsonSerializer.Serialize(_targets));
        var query = Uri.EscapeDataString($"up{{release=\"{release}\",instance=\"{instance.Host}:{instance.Port}\"}} == 1");
        await WaitUntilAsync(async http => (await http.GetStringAsync(new Uri(Url, $"api/v1/query?query={query}"))).Contains("\"value\"", StringComparison.Ordinal),
            $"{release} at {instance} scraped");
    }

    /// <summary>Waits until <paramref name="query"/> answers a sample (e.g. a series exists since a scrape).</summary>
    public Task WaitForAsync(string query) => WaitUntilAsync(
        async http => (await http.GetStringAsync(new Uri(Url, $"api/v1/query?query={Uri.EscapeDataString(query)}"))).Contains("\"value\"", StringComparison.Ordinal), query);

    private async Task WaitUntilAsync(Func<HttpClient, Task<bool>> condition, string what)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited) throw new InvalidOperationException($"prometheus exited with {_process.ExitCode} before: {what}");
            try
            {
                if (await condition(http)) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Prometheus at {Url}: not {what} within 60 s.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
