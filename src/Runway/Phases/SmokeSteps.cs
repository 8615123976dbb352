using System.Text.Json.Nodes;
using Runway.Canary;
using Runway.Environments;
using Runway.Service;
using Runway.Service.Metrics;
using Runway.Smoke;

namespace Runway.Phases;

/// <summary>Steps that look at a running environment from outside: smoke probes and its metrics.</summary>
/// <param name="service">How to reach the service, and its contract.</param>
/// <param name="metrics">Makes the profile's metric source for an environment.</param>
/// <param name="smokeFile">The smoke probes' file, resolved.</param>
/// <param name="time">The clock.</param>
/// <param name="logger">The run's log.</param>
public sealed class SmokeSteps(ServiceAccess service, MetricSourceFactory metrics, string smokeFile, TimeProvider time, Serilog.ILogger logger)
{
    /// <summary>Runs every probe of the smoke file against <paramref name="environment"/>; proves <paramref name="check"/> and what the probes prove.</summary>
    public DeploymentStep Probes(string name, IEnvironmentProvider environment, string check, bool includeProbeChecks) => new(name, async token =>
    {
        var report = await RunAsync(environment, token).ConfigureAwait(false);
        var proofs = new Dictionary<string, JsonObject> { [check] = report.ToEvidence() };
        if (includeProbeChecks)
            foreach (var proven in report.ProvenChecks())
                proofs[proven] = report.ToEvidence(proven);
        return new StepOutcome(report.ToEvidence(), proofs);
    });

    /// <summary>Proves <paramref name="environment"/>'s metrics count requests sent to <paramref name="release"/>'s pool.</summary>
    public DeploymentStep MetricsReachable(string name, IEnvironmentProvider environment, string release) => new(name, async token =>
    {
        var snapshot = await environment.ReadAsync(token).ConfigureAwait(false);
        var pool = snapshot.Pool(release) ?? throw new InvalidOperationException($"No pool of {release} runs in {environment.Name}: its metrics cannot be read.");
        // Instances that only the router reaches get the requests through it: the pool then serves all of its traffic.
        var through = service.InstancesReachable ? null : new Uri(snapshot.Url
            ?? throw new InvalidOperationException($"Environment {environment.Name} has no URL, and its instances are not reachable (--instances-reachable false): nothing can reach its pool."));
        var evidence = await new MetricsReachability(service.Http, service.Contract, service.Token, time) { Through = through }
            .ProveAsync(metrics(environment.Name), Canary(pool), send: null, token).ConfigureAwait(false);
        evidence["through"] = through?.ToString() ?? "each instance";
        evidence["environment"] = environment.Name;
        return StepOutcome.Of(evidence, "metrics-reachable");
    });

    /// <summary>
    /// Without staging: proves the metrics count requests sent to the pool serving most of <paramref name="environment"/>'s
    /// traffic now. When nothing runs yet, says so and proves nothing (the canary's warm-up checks the first pool).
    /// </summary>
    public DeploymentStep MetricsReachableOnCurrentPool(string name, IEnvironmentProvider environment) => new(name, async token =>
    {
        var current = (await environment.ReadAsync(token).ConfigureAwait(false)).Pools.OrderByDescending(p => p.Weight).FirstOrDefault();
        if (current is null)
            return new StepOutcome(new JsonObject { ["environment"] = environment.Name, ["reason"] = "no pool runs yet: the canary's warm-up proves the metrics see its traffic" },
                new Dictionary<string, JsonObject>());
        return await MetricsReachable(name, environment, current.Release).RunAsync(token).ConfigureAwait(false);
    });

    /// <summary>Runs the smoke probes; throws naming each failing probe.</summary>
    public async Task<SmokeReport> RunAsync(IEnvironmentProvider environment, CancellationToken cancellationToken)
    {
        var url = (await environment.ReadAsync(cancellationToken).ConfigureAwait(false)).Url
            ?? throw new InvalidOperationException($"Environment {environment.Name} has no URL to probe.");
        var probes = SmokeProbeFile.Load(smokeFile);
        var report = await new SmokeRunner(service.Http, new SmokeOptions(), time, logger)
            .RunAsync(new Uri(url), probes, service.ConfiguredToken, cancellationToken).ConfigureAwait(false);
        if (!report.Passed)
            throw new InvalidOperationException($"Smoke probes failed against {environment.Name}: " +
                string.Join("; ", report.Failures.Select(f => $"{f.Name}: {f.Reason}")));
        return report;
    }

    /// <summary>A pool as the canary analysis sees it.</summary>
    public static CanaryPool Canary(PoolSnapshot pool) => new(pool.Release, pool.Instances.Select(i => new Uri(i.Url)).ToList());
}
