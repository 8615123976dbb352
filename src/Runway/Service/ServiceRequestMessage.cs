using System.Globalization;
using System.Text;

namespace Runway.Service;

/// <summary>Turns a contract's <see cref="ServiceRequest"/> into an HTTP request against one base URL.</summary>
public static class ServiceRequestMessage
{
    /// <summary>
    /// The request against <paramref name="baseUrl"/>, with <c>{token}</c> and <c>{run}</c> filled in. When
    /// <paramref name="token"/> is given and no header mentions it, it goes in <c>Authorization: Bearer</c>.
    /// </summary>
    public static HttpRequestMessage Create(ServiceRequest request, Uri baseUrl, string? token, int run = 0)
    {
        ArgumentNullException.ThrowIfNull(request);
        var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(baseUrl, request.Path));
        if (request.Body is { } body)
            message.Content = new StringContent(Fill(body, token, run), Encoding.UTF8, "application/json");
        foreach (var (name, value) in request.Headers)
            message.Headers.TryAddWithoutValidation(name, Fill(value, token, run));
        if (token is not null && !request.Headers.Values.Any(v => v.Contains("{token}", StringComparison.Ordinal)))
            message.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return message;
    }

    private static string Fill(string text, string? token, int run) => text
        .Replace("{token}", token ?? "", StringComparison.Ordinal)
        .Replace("{run}", run.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
