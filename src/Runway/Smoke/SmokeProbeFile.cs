using System.Text.Json;
using System.Text.Json.Serialization;

namespace Runway.Smoke;

/// <summary>Reads and checks the probes file (<c>deploy/smoke.json</c>: <c>{"probes": [ ... ]}</c>).</summary>
public static class SmokeProbeFile
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"];

    /// <summary>Loads and validates a probes file.</summary>
    /// <exception cref="SmokeProbeFileException">The file is missing or malformed; the message names the file, the probe and the fix.</exception>
    public static IReadOnlyList<SmokeProbe> Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new SmokeProbeFileException($"Smoke probes file '{path}' does not exist. Create it with {{\"probes\": [...]}} (see deploy/smoke.json).");
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses and validates probes JSON; <paramref name="fileName"/> is named in errors.</summary>
    /// <exception cref="SmokeProbeFileException">The JSON is malformed or a probe is invalid.</exception>
    public static IReadOnlyList<SmokeProbe> Parse(string json, string fileName)
    {
        ProbesDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<ProbesDocument>(json, Json);
        }
        catch (JsonException error)
        {
            throw new SmokeProbeFileException(
                $"{fileName} is not a valid probes file at {error.Path} (line {error.LineNumber + 1}): {Files.JsonTypeErrors.Describe(error, typeof(ProbesDocument))} Fix the JSON; each probe takes name, method, path, headers, body, expectedStatus, bodyContains, maxLatencyMs, burst, proves.",
                error);
        }

        var probes = document?.Probes ?? throw new SmokeProbeFileException($"{fileName} has no \"probes\" list. Write {{\"probes\": [{{\"name\": \"ready\", \"path\": \"/health/ready\"}}]}}.");
        for (var i = 0; i < probes.Count; i++)
        {
            Validate(probes[i], i, probes, fileName);
        }

        return probes;
    }

    private static void Validate(SmokeProbe probe, int index, List<SmokeProbe> all, string fileName)
    {
        var label = $"{fileName}: probe #{index + 1} '{probe.Name ?? "(no name)"}'";
        Require(!string.IsNullOrWhiteSpace(probe.Name), label, "has no name; add \"name\": \"a unique name\"");
        Require(all.Count(p => p.Name == probe.Name) == 1, label, "has the same name as another probe; give each probe a unique name");
        Require(probe.Path?.StartsWith('/') == true, label, "needs a path starting with '/', e.g. \"path\": \"/health/ready\"");
        Require(Methods.Contains(probe.Method), label, $"has method '{probe.Method}'; use one of {string.Join(", ", Methods)} in capitals");
        Require(probe.ExpectedStatus is >= 100 and <= 599, label, $"has expectedStatus {probe.ExpectedStatus}; use an HTTP status between 100 and 599");
        Require(probe.MaxLatencyMs is null or > 0, label, $"has maxLatencyMs {probe.MaxLatencyMs}; use a positive number of milliseconds or leave it out");
        if (probe.Burst is { } burst)
        {
            Require(burst.Requests is >= 1 and <= 10_000, label, $"has burst.requests {burst.Requests}; use 1 to 10000");
            Require(burst.Concurrency >= 1 && burst.Concurrency <= burst.Requests, label, $"has burst.concurrency {burst.Concurrency}; use 1 to burst.requests");
        }
    }

    private static void Require(bool valid, string label, string problem)
    {
        if (!valid)
        {
            throw new SmokeProbeFileException($"{label} {problem}.");
        }
    }

    private sealed record ProbesDocument(List<SmokeProbe>? Probes);
}
