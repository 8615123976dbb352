using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Runway.Sample.Configuration;
using Runway.Testing;

namespace Runway.Sample.Tests.Support;

/// <summary>The sample service as a real process on a free loopback port, stopped (killed) on dispose.</summary>
internal sealed class SampleProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SampleProcess(Process process, Uri baseAddress)
    {
        _process = process;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Client { get; }

    public string Output { get { lock (_output) { return _output.ToString(); } } }

    public Process Process => _process;

    /// <summary>Environment every test starts from; tests override single keys.</summary>
    public static Dictionary<string, string?> DefaultEnvironment(string connectionString) => new()
    {
        ["Sample__Release"] = "1.1.0",
        ["ConnectionStrings__Sample"] = connectionString,
        ["Sample__JwtSigningKey"] = TestJwt.SigningKey,
    };

    public static async Task<SampleProcess> StartAsync(IReadOnlyDictionary<string, string?> environment)
    {
        var sample = Launch(environment, out var port);
        await sample.WaitUntilLiveAsync(port);
        return sample;
    }

    public static SampleProcess Launch(IReadOnlyDictionary<string, string?> environment, out int port)
    {
        port = PostgresServer.FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { typeof(SampleOptions).Assembly.Location, "--urls", $"http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var sample = new SampleProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => sample.Append(e.Data);
        process.ErrorDataReceived += (_, e) => sample.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return sample;
    }

    public HttpRequestMessage Request(HttpMethod method, string path, string? token = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitUntilLiveAsync(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Runway.Sample exited with {_process.ExitCode} before listening on {port}:\n{Output}");
            }

            try
            {
                using var response = await Client.GetAsync("/health/live");
                if (response.IsSuccessStatusCode) { return; }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Runway.Sample did not answer /health/live on {port} within 30 s:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null) { return; }
        lock (_output) { _output.AppendLine(line); }
    }
}
