using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Runway.Router.Hosting;

namespace Runway.Router.Tests.Support;

/// <summary>The router as a real process (<c>dotnet Runway.Router.dll …</c>) on free loopback ports; killed on dispose.</summary>
internal sealed class RouterProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly Process _process;

    private RouterProcess(Process process, int port, int adminPort)
    {
        _process = process;
        Traffic = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        Admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{adminPort}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public HttpClient Traffic { get; }

    public HttpClient Admin { get; }

    public Process Process => _process;

    public string Output { get { lock (_output) { return _output.ToString(); } } }

    /// <summary>Starts the router with the files in <paramref name="directory"/>, writing a known token first unless told not to.</summary>
    public static async Task<RouterProcess> StartAsync(RouterFiles files, string? drainTimeout = null)
    {
        var router = Launch(files, drainTimeout);
        await router.WaitUntilAdminAnswersAsync(files);
        return router;
    }

    public static RouterProcess Launch(RouterFiles files, string? drainTimeout = null)
    {
        var (port, adminPort) = (FreePort(), FreePort());
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] arguments = [typeof(RouterArguments).Assembly.Location, "--port", $"{port}", "--admin-port", $"{adminPort}", "--state-file", files.StateFile, "--token-file", files.TokenFile];
        foreach (var argument in drainTimeout is null ? arguments : [.. arguments, "--drain-timeout", drainTimeout])
        {
            start.ArgumentList.Add(argument);
        }

        var router = new RouterProcess(new Process { StartInfo = start }, port, adminPort);
        router._process.OutputDataReceived += (_, e) => router.Append(e.Data);
        router._process.ErrorDataReceived += (_, e) => router.Append(e.Data);
        router._process.Start();
        router._process.BeginOutputReadLine();
        router._process.BeginErrorReadLine();
        return router;
    }

    public async Task<HttpResponseMessage> PutRoutesAsync(object table) => await Admin.PutAsJsonAsync("/routes", table);

    public async Task<JsonElement> GetRoutesAsync() => await Admin.GetFromJsonAsync<JsonElement>("/routes");

    public async ValueTask DisposeAsync()
    {
        Traffic.Dispose();
        Admin.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitUntilAdminAnswersAsync(RouterFiles files)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Runway.Router exited with {_process.ExitCode}:\n{Output}");
            }

            if (File.Exists(files.TokenFile) && await AnswersAsync(files))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Runway.Router's admin API did not answer within 30 s:\n{Output}");
    }

    private async Task<bool> AnswersAsync(RouterFiles files)
    {
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await File.ReadAllTextAsync(files.TokenFile)).Trim());
        try
        {
            using var response = await Admin.GetAsync("/health");
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private void Append(string? line)
    {
        if (line is null) { return; }
        lock (_output) { _output.AppendLine(line); }
    }
}
