using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Runway.Tests.Canary;

/// <summary>Counts requests and renders them as the sample's contract says: Prometheus text, written by hand.</summary>
public sealed class ContractMetrics(string release)
{
    public static readonly double[] Bounds = [.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5];

    private readonly ConcurrentDictionary<(string Route, string Method, int Status), long> _requests = new();
    private readonly ConcurrentDictionary<(string Route, string Method), long[]> _buckets = new();
    private readonly ConcurrentDictionary<(string Route, string Method), double> _sums = new();

    public void Record(string route, string method, int status, double seconds)
    {
        _requests.AddOrUpdate((route, method, status), 1, (_, n) => n + 1);
        var buckets = _buckets.GetOrAdd((route, method), _ => new long[Bounds.Length + 1]);
        var index = Array.FindIndex(Bounds, bound => seconds <= bound);
        Interlocked.Increment(ref buckets[index < 0 ? Bounds.Length : index]);
        _sums.AddOrUpdate((route, method), seconds, (_, s) => s + seconds);
    }

    public string Render()
    {
        var text = new StringBuilder();
        text.Append("# HELP http_requests_total Requests answered.\n# TYPE http_requests_total counter\n");
        foreach (var ((route, method, status), count) in _requests)
        {
            text.Append(Invariant($"http_requests_total{{route=\"{route}\",method=\"{method}\",status=\"{status}\"}} {count}\n"));
        }

        text.Append("# HELP http_request_duration_seconds Request duration.\n# TYPE http_request_duration_seconds histogram\n");
        foreach (var ((route, method), buckets) in _buckets)
        {
            long cumulative = 0;
            for (var k = 0; k <= Bounds.Length; k++)
            {
                cumulative += Interlocked.Read(ref buckets[k]);
                var le = k < Bounds.Length ? Bounds[k].ToString(CultureInfo.InvariantCulture) : "+Inf";
                text.Append(Invariant($"http_request_duration_seconds_bucket{{route=\"{route}\",method=\"{method}\",le=\"{le}\"}} {cumulative}\n"));
            }

            text.Append(Invariant($"http_request_duration_seconds_sum{{route=\"{route}\",method=\"{method}\"}} {_sums[(route, method)]}\n"));
            text.Append(Invariant($"http_request_duration_seconds_count{{route=\"{route}\",method=\"{method}\"}} {cumulative}\n"));
        }

        text.Append(Invariant($"# TYPE sample_release_info gauge\nsample_release_info{{release=\"{release}\"}} 1\n"));
        return text.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
