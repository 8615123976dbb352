namespace Runway.Smoke;

/// <summary>Holds an answer to a probe's expectations and says which failed.</summary>
internal static class ProbeVerdict
{
    private const int SnippetLength = 200;

    public static SmokeProbeResult Judge(ProbeRequest request, ProbeAnswer answer, int attempts)
    {
        var probe = request.Probe;
        var problems = new List<string>();
        if (answer.Status != probe.ExpectedStatus)
        {
            problems.Add($"expected status {probe.ExpectedStatus} but got {answer.Status} (body: '{Snippet(answer.Body, request.Token)}')");
        }

        var missing = probe.BodyContains.Where(text => !answer.Body.Contains(text, StringComparison.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            problems.Add($"body lacks {string.Join(", ", missing.Select(text => $"'{text}'"))}");
        }

        if (probe.MaxLatencyMs is { } limit && answer.LatencyMs > limit)
        {
            problems.Add($"took {answer.LatencyMs:F0} ms, over the {limit} ms allowed");
        }

        var reason = problems.Count == 0 ? null : SmokeToken.Hide($"{probe.Method} {probe.Path}: {string.Join("; ", problems)}.", request.Token);
        return new SmokeProbeResult(probe.Name!, probe.Proves, problems.Count == 0, answer.Status, answer.LatencyMs, attempts, reason);
    }

    // Mask before cutting: a cut could split the token so that masking afterwards no longer finds it.
    private static string Snippet(string body, string? token)
    {
        body = SmokeToken.Hide(body, token);
        return (body.Length <= SnippetLength ? body : body[..SnippetLength] + "…").ReplaceLineEndings(" ");
    }
}
