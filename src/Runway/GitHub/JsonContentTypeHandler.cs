using System.Net.Http.Headers;

namespace Runway.GitHub;

/// <summary>
/// Labels every request body Runway sends as <c>application/json</c>. Octokit serialises bodies to JSON but labels them
/// <c>application/x-www-form-urlencoded</c> by default, which GitHub's published API description does not allow.
/// </summary>
internal sealed class JsonContentTypeHandler : DelegatingHandler
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content?.Headers.ContentType?.MediaType == "application/x-www-form-urlencoded")
            request.Content.Headers.ContentType = Json;
        return base.SendAsync(request, cancellationToken);
    }
}
