using Runway.Service;
using Serilog;

namespace Runway.Load;

/// <summary>
/// Sends a steady synthetic load through a URL (normally the router) so that canary analysis has data and a rollout
/// can count the requests that failed while it ran. Requests are paced to the target rate with at most
/// <see cref="LoadOptions.Concurrency"/> in flight, and stop at the duration or when cancelled, whichever is first.
/// </summary>
public sealed class LoadGenerator
{
    private readonly HttpClient _http;
    private readonly LoadOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly LoadTally _tally = new();
    private long _started = -1;
    private long _nextTicket;

    /// <summary>Creates a generator; the options are validated here, once.</summary>
    public LoadGenerator(HttpClient http, LoadOptions options, TimeProvider time, ILogger logger)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Validate();
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>What the run has seen so far; safe to call from any thread while it runs.</summary>
    public LoadSnapshot Snapshot() =>
        _tally.Snapshot(Interlocked.Read(ref _started) < 0 ? TimeSpan.Zero : _time.GetElapsedTime(Interlocked.Read(ref _started)));

    /// <summary>
    /// Sends load until the duration has passed or <paramref name="cancellationToken"/> is cancelled, then returns the
    /// final snapshot. Cancelling is the normal way to stop early and does not throw.
    /// </summary>
    /// <exception cref="InvalidOperationException">The generator already ran; create one per run.</exception>
    public async Task<LoadSnapshot> RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _started, _time.GetTimestamp(), -1) != -1)
        {
            throw new InvalidOperationException("This load generator has already run; create a new one for each run.");
        }

        _logger.Information("Sending {Rate} requests/s ({Method} {Url}) with {Concurrency} in flight for at most {Duration}",
            _options.RequestsPerSecond, _options.Request.Method, new Uri(_options.Target, _options.Request.Path), _options.Concurrency, Canary.HumanDuration.Format(_options.Duration));
        await Task.WhenAll(Enumerable.Range(0, _options.Concurrency).Select(_ => SendLoopAsync(cancellationToken)));
        var snapshot = Snapshot();
        _logger.Information("Load finished: {Requests} requests, {Failures} failed, by release {ByRelease}", snapshot.Requests, snapshot.Failures, snapshot.ByRelease);
        return snapshot;
    }

    // Each loop takes the next ticket; ticket n is due n / rate seconds after the start, so loops together keep the
    // rate (a loop that fell behind catches up), and every loop ends once the duration has passed.
    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var due = TimeSpan.FromSeconds((Interlocked.Increment(ref _nextTicket) - 1) / _options.RequestsPerSecond);
            var elapsed = _time.GetElapsedTime(_started);
            if (due >= _options.Duration || elapsed >= _options.Duration)
            {
                return;
            }

            var wait = due - elapsed;
            if (wait > TimeSpan.Zero && !await DelayAsync(wait, cancellationToken))
            {
                return;
            }

            await SendOneAsync(cancellationToken);
        }
    }

    private async Task<bool> DelayAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(wait, _time, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task SendOneAsync(CancellationToken cancellationToken)
    {
        using var request = ServiceRequestMessage.Create(_options.Request, _options.Target, _options.Token, (int)Interlocked.Read(ref _nextTicket));

        var started = _time.GetTimestamp();
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var release = _options.ReleaseHeader is { } header && response.Headers.TryGetValues(header, out var values) ? values.FirstOrDefault() : null;
            _tally.Answered(release, (int)response.StatusCode, _time.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped by the caller mid-request: not a failure of the service.
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
        {
            _tally.Unanswered(error is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError });
        }
    }
}
