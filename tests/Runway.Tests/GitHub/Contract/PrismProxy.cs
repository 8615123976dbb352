using System.Collections.Concurrent;
using System.Diagnostics;
using Runway.Testing;

namespace Runway.Tests.GitHub.Contract;

/// <summary>
/// <c>prism proxy --errors</c> on GitHub's OpenAPI description: every request is validated against the spec before it
/// reaches the stateful stand-in behind it, and every answer on the way back. A violation is answered with an error
/// (422 for the request, 500 for the response) and logged with the method and path, which <see cref="ViolationsUnder"/> reads.
/// </summary>
public sealed class PrismProxy : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();

    private PrismProxy(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    private const string WatchScript = """
        owner=$1; shift
        command -v prism > /dev/null || { echo "prism is not installed" >&2; exit 127; }
        prism "$@" & child=$!
        trap 'kill $child 2> /dev/null' EXIT INT TERM
        while kill -0 "$owner" 2> /dev/null && kill -0 $child 2> /dev/null; do sleep 1; done
        """;

    /// <summary>Where Runway's client sends its requests.</summary>
    public Uri Url { get; }

    /// <summary>How long Prism took from process start to listening (reported in the test output).</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>Starts Prism in front of <paramref name="upstream"/> and waits for its "listening" line.</summary>
    public static PrismProxy Start(string specFile, string upstream)
    {
        var port = PostgresServer.FreePort();
        // The test host may be killed rather than exit, so no handler of ours runs: a watcher shell ends Prism when the
        // test process is gone (or when Prism itself stops).
        var info = new ProcessStartInfo("sh", ["-c", WatchScript, "prism-watch", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "proxy", "--errors", "-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), specFile, upstream])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var watch = Stopwatch.StartNew();
        var process = Process.Start(info)!;
        var proxy = new PrismProxy(process, new Uri($"http://127.0.0.1:{port}"));
        proxy.WaitUntilListening(watch);
        return proxy;
    }

    private void WaitUntilListening(Stopwatch watch)
    {
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Read(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null) return;
            _log.Enqueue(e.Data);
            if (e.Data.Contains("Prism is listening", StringComparison.Ordinal)) listening.TrySetResult();
        }
        _process.OutputDataReceived += Read;
        _process.ErrorDataReceived += Read;
        _process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException(
            $"prism exited before listening (install it: npm install -g @stoplight/prism-cli @octokit/openapi, see .ci/run):\n{string.Join('\n', _log.TakeLast(20))}"));
        _process.EnableRaisingEvents = true;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (!listening.Task.Wait(TimeSpan.FromMinutes(3)))
            throw new TimeoutException($"prism did not listen within 3 minutes:\n{string.Join('\n', _log.TakeLast(20))}");
        StartupTime = watch.Elapsed;
    }

    /// <summary>Prism's error lines for requests whose path starts with <paramref name="pathPrefix"/>.</summary>
    public IReadOnlyList<string> ViolationsUnder(string pathPrefix) =>
        [.. _log.Where(l => l.Contains("✖", StringComparison.Ordinal) && l.Contains(" " + pathPrefix, StringComparison.Ordinal)).Select(Tidy)];

    // "[3:23:42 AM] › [HTTP SERVER] post /api/v3/repos/… ✖  error     Request terminated with error: …" → from the method on.
    private static string Tidy(string line)
    {
        var start = line.IndexOf("] ", line.IndexOf("[HTTP SERVER]", StringComparison.Ordinal) is var i and >= 0 ? i : 0, StringComparison.Ordinal);
        return System.Text.RegularExpressions.Regex.Replace(start >= 0 ? line[(start + 2)..] : line, @"\s+", " ");
    }

    public void Dispose()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        _process.Dispose();
    }
}
