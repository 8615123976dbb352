using System.Text;

namespace Runway.Smoke;

/// <summary>Sends one probe request and reads the whole answer.</summary>
internal sealed class ProbeSender(HttpClient http, TimeProvider time)
{
    public async Task<ProbeAnswer> SendAsync(ProbeRequest request, CancellationToken cancellationToken)
    {
        using var message = Build(request);
        var started = time.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(message, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return new ProbeAnswer((int)response.StatusCode, body, time.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (TaskCanceledException timedOut) when (!cancellationToken.IsCancellationRequested)
        {
            // The HttpClient's own timeout: no answer, like a refused connection, so warm-up retries it.
            throw new HttpRequestException($"No answer within the HTTP client's timeout of {http.Timeout}.", timedOut);
        }
    }

    private static HttpRequestMessage Build(ProbeRequest request)
    {
        var probe = request.Probe;
        var message = new HttpRequestMessage(new HttpMethod(probe.Method), request.Url);
        if (probe.Body is not null)
        {
            message.Content = new StringContent(SmokeToken.Fill(probe.Body, request.Token), Encoding.UTF8, "application/json");
        }

        foreach (var (name, value) in probe.Headers)
        {
            var filled = SmokeToken.Fill(value, request.Token);
            if (!message.Headers.TryAddWithoutValidation(name, filled))
            {
                message.Content?.Headers.Remove(name);
                message.Content?.Headers.TryAddWithoutValidation(name, filled);
            }
        }

        return message;
    }
}
