using System.Collections.Concurrent;

namespace Runway.Tests.GitHub.Contract;

/// <summary>
/// The innermost handler of the client under test: passes each request on to Prism and keeps what Prism said was
/// wrong with it (its <c>sl-violations</c> header), so a failing test names the field and the rule.
/// </summary>
public sealed class ViolationRecorder(ConcurrentQueue<string> violations) : DelegatingHandler(new SocketsHttpHandler())
{
    private const string Header = "sl-violations";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        // Errors only: GitHub answers some failures (403/429/5xx) with codes its description does not list, which Prism warns about.
        if (response.Headers.TryGetValues(Header, out var values) && values.Any(v => v.Contains("\"severity\":\"Error\"", StringComparison.Ordinal)))
            violations.Enqueue($"{request.Method} {request.RequestUri?.PathAndQuery} ({request.Content?.Headers.ContentType}): {string.Join(" ", values)}");
        return response;
    }
}
