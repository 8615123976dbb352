using System.Globalization;

namespace Runway.Bench.Rollout;

/// <summary>The bench's knobs, from the command line (<c>--load-rate 50 --bake-time 10s ...</c>).</summary>
internal sealed record BenchSettings(double LoadRate, string BakeTime, string AnalysisInterval, int MinRequests, int Replicas, double MaxLatencyIncrease, bool KeepRoot, string Router = "local")
{
    public string Command =>
        $"bench/rollout/run.sh --load-rate {LoadRate.ToString(CultureInfo.InvariantCulture)} --bake-time {BakeTime} --analysis-interval {AnalysisInterval} --min-requests {MinRequests} --replicas {Replicas} --max-latency-increase {MaxLatencyIncrease.ToString(CultureInfo.InvariantCulture)}{(Router == "local" ? "" : $" --router {Router}")}";

    public static BenchSettings Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }

        return new BenchSettings(
            double.Parse(Value("--load-rate", "40"), CultureInfo.InvariantCulture),
            Value("--bake-time", "10s"),
            Value("--analysis-interval", "2s"),
            int.Parse(Value("--min-requests", "30"), CultureInfo.InvariantCulture),
            int.Parse(Value("--replicas", "2"), CultureInfo.InvariantCulture),
            double.Parse(Value("--max-latency-increase", "1.2"), CultureInfo.InvariantCulture),
            args.Contains("--keep-root"),
            Value("--router", "local") is ("local" or "haproxy") and var router ? router : throw new ArgumentException("--router is local (Runway's router) or haproxy (the haproxy-prometheus example)."));
    }
}
