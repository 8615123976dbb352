using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Runway.Environments.Local;

/// <summary>Polls a health URL until it answers 200, the process dies, or the time is up.</summary>
public sealed class ReadinessProbe(HttpClient http, TimeSpan timeout)
{
    private readonly ResiliencePipeline<bool> _pipeline = new ResiliencePipelineBuilder<bool>()
        .AddTimeout(timeout)
        .AddRetry(new RetryStrategyOptions<bool>
        {
            ShouldHandle = new PredicateBuilder<bool>().HandleResult(ready => !ready).Handle<HttpRequestException>(),
            MaxRetryAttempts = int.MaxValue,
            Delay = TimeSpan.FromMilliseconds(200),
            BackoffType = DelayBackoffType.Constant,
        })
        .Build();

    /// <summary>Waits until <paramref name="url"/> answers 200; fails at once when <paramref name="isAlive"/> turns false.</summary>
    public Task WaitAsync(string what, string url, Func<bool> isAlive, string log, CancellationToken cancellationToken) =>
        WaitAsync(what, url, async token =>
        {
            using var response = await http.GetAsync(new Uri(url), token).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }, isAlive, log, cancellationToken);

    /// <summary>
    /// Waits until <paramref name="isReady"/> says so; fails at once when <paramref name="isAlive"/> turns false, saying
    /// why from the process's own <paramref name="log"/> (its unhandled exception, or its last line) and where the log is.
    /// </summary>
    public async Task WaitAsync(string what, string url, Func<CancellationToken, Task<bool>> isReady, Func<bool> isAlive, string log, CancellationToken cancellationToken)
    {
        try
        {
            await _pipeline.ExecuteAsync(async token =>
            {
                if (!isAlive()) throw new InvalidOperationException($"{Capitalised(what)} exited before it became ready: {LastWords(log)} (its log: {log})");
                return await isReady(token).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException)
        {
            throw new TimeoutException($"{Capitalised(what)} was not ready within {timeout.TotalSeconds:0} s ({url}); its log: {log}");
        }
    }

    // What a process that died said last: its unhandled exception when it had one (e.g. Kestrel's "Failed to bind to
    // address …: address already in use"), else its last line.
    private static string LastWords(string log)
    {
        string[] lines;
        try
        {
            lines = File.Exists(log) ? File.ReadAllLines(log) : [];
        }
        catch (IOException)
        {
            return "its log could not be read";
        }
        var said = lines.FirstOrDefault(l => l.StartsWith("Unhandled exception", StringComparison.Ordinal))
            ?? lines.LastOrDefault(l => !string.IsNullOrWhiteSpace(l))
            ?? "it wrote nothing";
        said = said.Trim();
        return said.Length <= 300 ? said : said[..300] + "…";
    }

    private static string Capitalised(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
