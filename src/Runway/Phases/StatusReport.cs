using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Runway.Ledger;

namespace Runway.Phases;

/// <summary>Where an environment stands: its latest deployment and phases, the traffic split and the URL users reach.</summary>
public static class StatusReport
{
    /// <summary>Reads the environment and the ledger.</summary>
    public static async Task<JsonObject> ReadAsync(DeploymentServices services, CancellationToken cancellationToken)
    {
        var environment = await services.Environment.ReadAsync(cancellationToken).ConfigureAwait(false);
        var deployment = await services.Deployments.GetLatestInEnvironmentAsync(services.Settings.Environment, cancellationToken).ConfigureAwait(false);
        var phases = deployment is null ? [] : await services.Deployments.GetPhasesAsync(deployment.Id, cancellationToken).ConfigureAwait(false);
        var chain = await services.Events.VerifyChainAsync(cancellationToken).ConfigureAwait(false);
        var orphan = await services.Session.FindOrphanAsync(cancellationToken).ConfigureAwait(false);
        var health = services.Phases.PoolHealth();
        var routed = environment.Routed.ToList();
        var known = (await Task.WhenAll(routed.Select(p => health.CheckAsync(p, cancellationToken))).ConfigureAwait(false))
            .SelectMany(d => d).ToDictionary();
        var live = await TrafficDrift.ExpectedLiveAsync(services.Deployments, services.Settings.Environment, cancellationToken).ConfigureAwait(false);
        var drift = live is null ? null : TrafficDrift.Describe(environment, live);
        return new JsonObject
        {
            ["environment"] = services.Settings.Environment,
            ["running"] = true,
            ["ledgerChain"] = new JsonObject
            {
                ["intact"] = chain.IsValid, ["events"] = chain.EventsChecked, ["brokenEventId"] = chain.BrokenEventId, ["problem"] = chain.Problem,
            },
            ["url"] = environment.Url,
            ["deployment"] = deployment is null ? null : Deployment(deployment, phases),
            ["orphaned"] = orphan?.Describe(),
            ["drift"] = drift,
            ["weights"] = new JsonObject(routed.Select(p => KeyValuePair.Create(p.Release, (JsonNode?)p.Weight))),
            ["pools"] = new JsonArray(routed.Select(p => (JsonNode)new JsonObject
            {
                ["release"] = p.Release,
                ["weight"] = p.Weight,
                ["startedByRunway"] = !environment.Unmanaged.Contains(p),
                ["instances"] = new JsonArray(p.Instances.Select(i => (JsonNode)new JsonObject
                {
                    ["url"] = i.Url, ["pid"] = i.ProcessId, ["healthy"] = known.GetValueOrDefault(i.Url)?.Healthy, ["problem"] = known.GetValueOrDefault(i.Url)?.Detail,
                }).ToArray()),
            }).ToArray()),
        };
    }

    /// <summary>The status of a local environment whose cluster is stopped: read without starting anything.</summary>
    public static JsonObject NotRunning(string environment) => new()
    {
        ["environment"] = environment,
        ["running"] = false,
        ["url"] = null,
        ["deployment"] = null,
        ["orphaned"] = null,
        ["drift"] = null,
        ["weights"] = new JsonObject(),
        ["pools"] = new JsonArray(),
    };

    /// <summary>The status as indented JSON, for scripts.</summary>
    // Relaxed escaping: the text goes to a terminal or a script, never into HTML, so '+' in "1.1.0+sha" stays '+'.
    public static string Json(JsonObject status) =>
        status.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>The status as a few lines for people.</summary>
    public static string Text(JsonObject status)
    {
        var text = new StringBuilder();
        if (status["running"]?.GetValue<bool>() == false)
            return $"Environment {status["environment"]}: not running (its PostgreSQL cluster is stopped; ./build.sh Deploy starts it)\n";
        text.AppendLine(CultureInfo.InvariantCulture, $"Environment {status["environment"]}: {status["url"] ?? "(not running)"}");
        if (status["ledgerChain"] is JsonObject chain)
            text.AppendLine(chain["intact"]!.GetValue<bool>()
                ? string.Create(CultureInfo.InvariantCulture, $"Ledger hash chain intact ({chain["events"]} events)")
                : string.Create(CultureInfo.InvariantCulture, $"Ledger hash chain BROKEN at event {chain["brokenEventId"]}: {chain["problem"]} (./build.sh VerifyLedger)"));
        foreach (var pool in status["pools"]!.AsArray())
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {pool!["release"],-12} {pool["weight"],3}%  {(pool["startedByRunway"]?.GetValue<bool>() == false ? "not started by Runway: " : "")}{Instances(pool["instances"]!.AsArray())}");
        if (status["deployment"] is JsonObject deployment)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"Deployment {deployment["id"]}: {deployment["release"]} (previous {deployment["previousRelease"] ?? "none"}) — {deployment["state"]}");
            foreach (var phase in deployment["phases"]!.AsArray())
                text.AppendLine(CultureInfo.InvariantCulture, $"  {phase!["name"],-12} {phase["status"]}");
        }
        if (status["orphaned"] is JsonValue orphaned) text.AppendLine(CultureInfo.InvariantCulture, $"Warning: {orphaned}");
        if (status["drift"] is JsonValue drift)
            text.AppendLine(CultureInfo.InvariantCulture, $"Warning: the traffic differs from the ledger: {drift} (./build.sh Deploy of the live release puts it back)");
        return text.ToString();
    }

    private static string Instances(JsonArray instances)
    {
        var unhealthy = instances.Where(i => i!["healthy"]?.GetValue<bool>() == false).Select(Problem).ToList();
        var unknown = instances.Where(i => i!["healthy"] is null).Select(Problem).ToList();
        var counts = $"{instances.Count - unhealthy.Count - unknown.Count} of {instances.Count} instances healthy";
        if (unhealthy.Count > 0) counts += $" (unhealthy: {string.Join("; ", unhealthy)})";
        return unknown.Count == 0 ? counts : $"{counts} (health unknown: {string.Join("; ", unknown)})";
    }

    // The problem says the URL itself when a probe failed ("http://…:1 does not answer"): not twice.
    private static string Problem(JsonNode? instance)
    {
        var (url, problem) = (instance!["url"]!.GetValue<string>(), instance["problem"]?.GetValue<string>() ?? "");
        return problem.StartsWith(url, StringComparison.Ordinal) ? problem : $"{url}: {problem}";
    }

    private static JsonObject Deployment(Deployment deployment, IReadOnlyList<PhaseRecord> phases) => new()
    {
        ["id"] = deployment.Id,
        ["release"] = deployment.Release,
        ["previousRelease"] = deployment.PreviousRelease,
        ["state"] = deployment.State.ToString(),
        ["startedBy"] = deployment.StartedBy,
        ["startedAt"] = deployment.StartedAt.ToString("O", CultureInfo.InvariantCulture),
        ["endedAt"] = deployment.EndedAt?.ToString("O", CultureInfo.InvariantCulture),
        ["failureReason"] = deployment.FailureReason,
        ["phases"] = new JsonArray(phases.Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["status"] = p.Status.ToString(), ["error"] = p.Error }).ToArray()),
    };
}
