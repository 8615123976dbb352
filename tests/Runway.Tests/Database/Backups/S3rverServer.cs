using System.Diagnostics;
using System.Text;
using Runway.Testing;

namespace Runway.Tests.Database.Backups;

/// <summary>A real S3-compatible server (the s3rver npm package, installed by .ci/run) on a free loopback port, with one bucket.</summary>
internal sealed class S3rverServer : IAsyncDisposable
{
    public const string Bucket = "runway-backups";
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private readonly Process _process;
    private readonly string _directory;

    private S3rverServer(Process process, string directory, Uri endpoint) => (_process, _directory, Endpoint) = (process, directory, endpoint);

    public Uri Endpoint { get; }

    public static async Task<S3rverServer> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "runway-s3rver-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        var port = PostgresServer.FreePort();
        var info = new ProcessStartInfo("s3rver") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-d", directory, "-a", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--configure-bucket", Bucket })
            info.ArgumentList.Add(argument);
        var process = Process.Start(info)!;
        var output = new StringBuilder();
        var listening = new TaskCompletionSource();
        process.OutputDataReceived += (_, e) =>
        {
            lock (output) output.AppendLine(e.Data);
            if (e.Data?.Contains("listening", StringComparison.OrdinalIgnoreCase) == true) listening.TrySetResult();
        };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (await Task.WhenAny(listening.Task, Task.Delay(TimeSpan.FromSeconds(60))) != listening.Task)
        {
            process.Kill();
            throw new InvalidOperationException($"s3rver did not start (install it: npm install -g s3rver):\n{output}");
        }
        return new S3rverServer(process, directory, new Uri($"http://127.0.0.1:{port}"));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
