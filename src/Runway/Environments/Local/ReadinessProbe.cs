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
    public Task WaitAsync(string what, string url, Func<bool> isAlive, CancellationToken cancellationToken) =>
        WaitAsync(what, url, async token =>
        {
            using var response = await http.GetAsync(new Uri(url), token).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }, isAlive, cancellationToken);

    /// <summary>Waits until <paramref name="isReady"/> says so; fails at once when <paramref name="isAlive"/> turns false.</summary>
    public async Task WaitAsync(string what, string url, Func<CancellationToken, Task<bool>> isReady, Func<bool> isAlive, CancellationToken cancellationToken)
    {
        try
        {
            await _pipeline.ExecuteAsync(async token =>
            {
                if (!isAlive()) throw new InvalidOperationException($"{Capitalised(what)} exited before it became ready; see its log under the environment's logs/ folder.");
                return await isReady(token).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException)
        {
            throw new TimeoutException($"{Capitalised(what)} was not ready within {timeout.TotalSeconds:0} s ({url}); see its log under the environment's logs/ folder.");
        }
    }

    private static string Capitalised(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
