using System.Collections.Concurrent;

namespace Runway.Smoke;

/// <summary>Sends a burst of identical requests and passes when at least one answer has the expected status.</summary>
internal sealed class BurstProbe(ProbeSender sender, TimeProvider time)
{
    /// <summary>Key under which requests that got no answer are counted.</summary>
    public const int NoAnswer = 0;

    public async Task<SmokeProbeResult> RunAsync(ProbeRequest request, SmokeBurst burst, CancellationToken cancellationToken)
    {
        var counts = new ConcurrentDictionary<int, int>();
        string? firstNoAnswer = null;
        var started = time.GetTimestamp();
        await Parallel.ForAsync(0, burst.Requests, new ParallelOptions { MaxDegreeOfParallelism = burst.Concurrency, CancellationToken = cancellationToken }, async (_, ct) =>
        {
            var (status, why) = await SendAsync(request, ct);
            if (why is not null) Interlocked.CompareExchange(ref firstNoAnswer, why, null);
            counts.AddOrUpdate(status, 1, (_, n) => n + 1);
        });
        var probe = request.Probe;
        var seen = counts.ContainsKey(probe.ExpectedStatus);
        var summary = string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Value}× {(c.Key == NoAnswer ? "no answer" : c.Key)}"));
        var reason = seen ? null : $"{probe.Method} {probe.Path}: a burst of {burst.Requests} requests ({burst.Concurrency} at a time) got no {probe.ExpectedStatus}; answers: {summary}." +
            (firstNoAnswer is null ? "" : $" The first without an answer: {request.BaseUrl.GetLeftPart(UriPartial.Authority)}{probe.Path}: {firstNoAnswer}");
        var status = seen ? probe.ExpectedStatus : counts.OrderByDescending(c => c.Value).First().Key;
        return new SmokeProbeResult(probe.Name!, probe.Proves, seen, status, time.GetElapsedTime(started).TotalMilliseconds, burst.Requests, reason, new Dictionary<int, int>(counts));
    }

    // The status, or NoAnswer and why (a refused connection says what did not listen).
    private async Task<(int Status, string? Why)> SendAsync(ProbeRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return ((await sender.SendAsync(request, cancellationToken)).Status, null);
        }
        catch (HttpRequestException error)
        {
            return (NoAnswer, error.Message);
        }
    }
}
