using System.Diagnostics;
using System.Text.Json;

namespace Runway.Bench.Rollout;

/// <summary>One answer of <c>/version</c> through the router: when it was sent and the release that answered (null: failed).</summary>
internal sealed record ReleaseProbe(long SentAt, string? Release);

/// <summary>
/// Asks the router's <c>/version</c> (no auth, no rate limit) as fast as a few loops can, and keeps every answer, so
/// that "from when on did every request reach release X" can be read afterwards to within a few milliseconds.
/// </summary>
internal sealed class ReleaseWatch(HttpClient http, string routerUrl, int loops = 2)
{
    private readonly List<ReleaseProbe> _probes = [];

    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, loops).Select(_ => LoopAsync(cancellationToken)));

    /// <summary>
    /// The send time of the first probe at or after <paramref name="from"/> from which on, up to <paramref name="until"/>,
    /// every probe answered <paramref name="release"/>; null when the last probe in the window did not.
    /// </summary>
    public long? AllAnswerFrom(string release, long from, long until)
    {
        List<ReleaseProbe> window;
        lock (_probes) window = [.. _probes.Where(p => p.SentAt >= from && p.SentAt <= until).OrderBy(p => p.SentAt)];
        var lastOther = window.FindLastIndex(p => p.Release != release);
        return lastOther == window.Count - 1 ? null : window[lastOther + 1].SentAt;
    }

    /// <summary>The send time of the first probe after <paramref name="from"/> answered by <paramref name="release"/>.</summary>
    public long? FirstAnswerFrom(string release, long from)
    {
        lock (_probes) return _probes.Where(p => p.SentAt >= from && p.Release == release).Select(p => (long?)p.SentAt).Min();
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var sent = Stopwatch.GetTimestamp();
            var release = await AskAsync(cancellationToken);
            if (cancellationToken.IsCancellationRequested) return;
            lock (_probes) _probes.Add(new ReleaseProbe(sent, release));
            await Task.Delay(TimeSpan.FromMilliseconds(5), CancellationToken.None);
        }
    }

    private async Task<string?> AskAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(routerUrl + "/version"), cancellationToken);
            if (!response.IsSuccessStatusCode) return null;
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return body.RootElement.GetProperty("release").GetString();
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException or JsonException)
        {
            return null;
        }
    }
}
