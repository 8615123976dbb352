using System.Collections.Concurrent;
using Runway.Service;
using Serilog;

namespace Runway.Load;

/// <summary>
/// Proves the service takes concurrent work: starts at least ten of the contract's concurrent request (e.g. a
/// creation, <c>{run}</c> numbering each) released at the same instant and reports whether all succeeded.
/// </summary>
public sealed class ConcurrentRunsCheck
{
    /// <summary>The checklist check id this proves.</summary>
    public const string CheckId = "load-10-concurrent";

    /// <summary>The fewest concurrent runs that prove the check.</summary>
    public const int MinimumRuns = 10;

    private const int NoAnswer = 0;

    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the check.</summary>
    public ConcurrentRunsCheck(HttpClient http, TimeProvider time, ILogger logger)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>
    /// Starts <paramref name="runs"/> of <paramref name="request"/> at once against <paramref name="baseUrl"/>,
    /// with <paramref name="token"/> when the service needs one (null: none).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than <see cref="MinimumRuns"/> runs were asked for.</exception>
    public async Task<ConcurrentRunsResult> RunAsync(Uri baseUrl, ServiceRequest request, string? token, int runs = MinimumRuns, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, MinimumRuns);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var statuses = new ConcurrentDictionary<int, int>();
        var latencies = new ConcurrentBag<double>();
        var inFlight = new InFlightCounter();
        var creations = Enumerable.Range(1, runs)
            .Select(run => CreateAsync(ServiceRequestMessage.Create(request, baseUrl, token, run), gate.Task, inFlight, statuses, latencies, cancellationToken))
            .ToList();
        var started = _time.GetTimestamp();
        gate.SetResult();
        await Task.WhenAll(creations);
        var succeeded = statuses.Where(s => s.Key is >= 200 and < 300).Sum(s => s.Value);
        var result = new ConcurrentRunsResult(runs, succeeded, inFlight.Max, new Dictionary<int, int>(statuses), _time.GetElapsedTime(started).TotalMilliseconds, latencies.DefaultIfEmpty(0).Max());
        _logger.Information("Concurrent runs: {Succeeded} of {Runs} creations succeeded, {MaxInFlight} in flight at once, statuses {ByStatus}", succeeded, runs, result.MaxInFlight, result.ByStatus);
        return result;
    }

    private async Task CreateAsync(
        HttpRequestMessage message, Task gate, InFlightCounter inFlight, ConcurrentDictionary<int, int> statuses, ConcurrentBag<double> latencies, CancellationToken cancellationToken)
    {
        using var request = message;
        await gate;
        var started = _time.GetTimestamp();
        inFlight.Enter();
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
        }
        catch (Exception error) when (error is HttpRequestException || (error is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            statuses.AddOrUpdate(NoAnswer, 1, (_, n) => n + 1);
        }
        finally
        {
            inFlight.Leave();
            latencies.Add(_time.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private sealed class InFlightCounter
    {
        private int _current;
        private int _max;

        public int Max => Volatile.Read(ref _max);

        public void Enter()
        {
            var now = Interlocked.Increment(ref _current);
            for (var max = Max; now > max; max = Max)
            {
                Interlocked.CompareExchange(ref _max, now, max);
            }
        }

        public void Leave() => Interlocked.Decrement(ref _current);
    }
}
