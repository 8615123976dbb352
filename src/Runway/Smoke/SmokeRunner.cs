using Polly;
using Polly.Timeout;
using Serilog;

namespace Runway.Smoke;

/// <summary>
/// Runs smoke probes against a base URL, one after the other. Single probes retry while the service warms up
/// (connection errors, timeouts, unexpected 5xx) with exponential backoff; the whole run is bounded by
/// <see cref="SmokeOptions.TotalTimeout"/>. The token fills <c>{token}</c> and never appears in results or logs.
/// </summary>
public sealed class SmokeRunner
{
    private readonly SmokeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ProbeSender _sender;

    /// <summary>Creates a runner; the options are validated here, once.</summary>
    public SmokeRunner(HttpClient http, SmokeOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Validate();
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _sender = new ProbeSender(http, time);
    }

    /// <summary>Runs every probe and returns their results; a probe that fails does not stop the others.</summary>
    public async Task<SmokeReport> RunAsync(Uri baseUrl, IReadOnlyList<SmokeProbe> probes, string? token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(probes);
        var results = new List<SmokeProbeResult>();
        var total = new ResiliencePipelineBuilder { TimeProvider = _time }.AddTimeout(_options.TotalTimeout).Build();
        try
        {
            await total.ExecuteAsync(
                async ct =>
                {
                    foreach (var probe in probes)
                    {
                        results.Add(Log(await ProbeAsync(baseUrl, probe, token, ct), probe));
                    }
                },
                cancellationToken);
        }
        catch (TimeoutRejectedException)
        {
            results.AddRange(probes.Skip(results.Count).Select(probe => Log(TimedOut(probe), probe)));
        }

        return new SmokeReport(baseUrl, results);
    }

    private async Task<SmokeProbeResult> ProbeAsync(Uri baseUrl, SmokeProbe probe, string? token, CancellationToken cancellationToken)
    {
        if (probe.NeedsToken && string.IsNullOrEmpty(token))
        {
            return new SmokeProbeResult(probe.Name!, probe.Proves, false, null, 0, 0, "The probe uses {token} but no token was given; pass the sample's token (a secret parameter).");
        }

        var request = new ProbeRequest(baseUrl, probe, token);
        return probe.Burst is { } burst
            ? await new BurstProbe(_sender, _time).RunAsync(request, burst, cancellationToken)
            : await RunWithWarmUpAsync(request, cancellationToken);
    }

    private async Task<SmokeProbeResult> RunWithWarmUpAsync(ProbeRequest request, CancellationToken cancellationToken)
    {
        var attempts = 0;
        try
        {
            var answer = await WarmUpPipeline(request.Probe).ExecuteAsync(
                async ct =>
                {
                    attempts++;
                    return await _sender.SendAsync(request, ct);
                },
                cancellationToken);
            return ProbeVerdict.Judge(request, answer, attempts);
        }
        catch (Exception error) when (error is HttpRequestException or TimeoutRejectedException)
        {
            var reason = $"No answer after {attempts} attempt(s): {error.Message} Check that the service listens on {request.BaseUrl.GetLeftPart(UriPartial.Authority)} and look at its logs.";
            return new SmokeProbeResult(request.Probe.Name!, request.Probe.Proves, false, null, 0, attempts, SmokeToken.Hide(reason, request.Token));
        }
    }

    private ResiliencePipeline<ProbeAnswer> WarmUpPipeline(SmokeProbe probe)
    {
        var retryServerErrors = probe.ExpectedStatus < 500;
        var builder = new ResiliencePipelineBuilder<ProbeAnswer> { TimeProvider = _time };
        if (_options.WarmUpRetries > 0)
        {
            builder.AddRetry(new()
            {
                ShouldHandle = new PredicateBuilder<ProbeAnswer>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(answer => retryServerErrors && answer.Status >= 500),
                MaxRetryAttempts = _options.WarmUpRetries,
                Delay = _options.WarmUpDelay,
                BackoffType = DelayBackoffType.Exponential,
            });
        }

        return builder.AddTimeout(_options.RequestTimeout).Build();
    }

    private SmokeProbeResult Log(SmokeProbeResult result, SmokeProbe probe)
    {
        _logger.Information(
            "Smoke probe {Probe} {Method} {Path}: {Outcome} with status {Status} in {Latency} after {Attempts} request(s){Reason}",
            result.Name, probe.Method, probe.Path, result.Passed ? "passed" : "FAILED", result.Status, TimeSpan.FromMilliseconds(result.LatencyMs), result.Attempts,
            result.Reason is null ? string.Empty : " " + result.Reason);
        return result;
    }

    private SmokeProbeResult TimedOut(SmokeProbe probe) =>
        new(probe.Name!, probe.Proves, false, null, 0, 0,
            $"Not finished within the smoke run's total time of {_options.TotalTimeout}. The service may still be starting or hanging: check its logs, or allow more time (SmokeOptions.TotalTimeout).");
}
