namespace Runway.Smoke;

/// <summary>A probe bound to a base URL and the token that fills its placeholders.</summary>
internal sealed record ProbeRequest(Uri BaseUrl, SmokeProbe Probe, string? Token)
{
    public Uri Url => new(BaseUrl, SmokeToken.Fill(Probe.Path!, Token));
}

/// <summary>What one request got back: status, body and how long it took.</summary>
internal sealed record ProbeAnswer(int Status, string Body, double LatencyMs);
