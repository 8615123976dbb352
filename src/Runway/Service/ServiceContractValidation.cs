using System.Text.Json;

namespace Runway.Service;

/// <summary>Checks a contract document field by field, naming the field and the fix in each error.</summary>
internal static class ServiceContractValidation
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    public static ServiceContract Validate(ContractDocument document, string file)
    {
        Require(document.HealthPath?.StartsWith('/') == true, file, "healthPath", "must be a path starting with '/', e.g. \"/health/ready\"");
        var request = Request(document.Request, file, "request")
            ?? throw new ServiceContractException($"{file}: request is missing; add \"request\": {{\"method\": \"GET\", \"path\": \"/your/endpoint\"}} (the warm-up and load request).");
        var metrics = document.Metrics ?? throw new ServiceContractException($"{file}: metrics is missing; declare requests and latency (see the README's metrics contract).");
        ValidateMetrics(metrics, file);
        foreach (var tool in document.Tools ?? [])
            ValidateTool(tool, file);
        return new ServiceContract(document.HealthPath!, request, document.Auth, Blank(document.ReleaseHeader),
            Request(document.ConcurrentRequest, file, "concurrentRequest"), document.Tools ?? [], metrics);
    }

    private static ServiceRequest? Request(RequestDocument? request, string file, string field)
    {
        if (request is null) return null;
        var method = (request.Method ?? "GET").ToUpperInvariant();
        Require(Methods.Contains(method), file, $"{field}.method", $"is '{request.Method}'; use one of {string.Join(", ", Methods)}");
        Require(request.Path?.StartsWith('/') == true, file, $"{field}.path", "must be a path starting with '/', e.g. \"/v1/items\"");
        var body = request.Body is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } json
            ? json.ValueKind == JsonValueKind.String ? json.GetString() : System.Text.Json.Nodes.JsonNode.Parse(json.GetRawText())!.ToJsonString()
            : null;
        return new ServiceRequest(method, request.Path!, body, request.Headers ?? []);
    }

    private static void ValidateMetrics(MetricsContract metrics, string file)
    {
        Require(metrics.Requests is not null, file, "metrics.requests", "is missing; declare how to read answered requests");
        Require(metrics.Latency is not null, file, "metrics.latency", "is missing; declare how to read the request-duration histogram");
        Require(metrics.Requests!.Scrape is not null || metrics.Requests.Prometheus is not null, file, "metrics.requests",
            "needs \"scrape\" (series, statusLabel) or \"prometheus\" (query, groupLabel), or both");
        Require(metrics.Latency!.Scrape is not null || metrics.Latency.Prometheus is not null, file, "metrics.latency",
            "needs \"scrape\" (series) or \"prometheus\" (query, groupLabel), or both");
        Require(metrics.Requests.ErrorStatusAtLeast is >= 100 and <= 599, file, "metrics.requests.errorStatusAtLeast", "must be an HTTP status, e.g. 500");
        if (metrics.Requests.Scrape is { } counter)
            Require(!string.IsNullOrWhiteSpace(counter.Series) && !string.IsNullOrWhiteSpace(counter.StatusLabel), file, "metrics.requests.scrape", "needs series and statusLabel");
        if (metrics.Latency.Scrape is { } histogram)
            Require(!string.IsNullOrWhiteSpace(histogram.Series), file, "metrics.latency.scrape", "needs series (the _bucket series)");
        ValidateQuery(metrics.Requests.Prometheus, file, "metrics.requests.prometheus");
        ValidateQuery(metrics.Latency.Prometheus, file, "metrics.latency.prometheus");
        Require(metrics.ScrapePath.StartsWith('/'), file, "metrics.scrapePath", "must start with '/', e.g. \"/metrics\"");
    }

    private static void ValidateQuery(PrometheusQuery? query, string file, string field)
    {
        if (query is null) return;
        Require(!string.IsNullOrWhiteSpace(query.GroupLabel), file, $"{field}.groupLabel", "is missing; name the label the query groups by (the status label, or le)");
        Require(query.Query?.Contains("{{release}}", StringComparison.Ordinal) == true && query.Query.Contains("{{window}}", StringComparison.Ordinal), file, $"{field}.query",
            "must use {{release}} (to select one pool) and {{window}} (e.g. increase(x[{{window}}]))");
    }

    private static void ValidateTool(ToolContract tool, string file)
    {
        var field = $"tools['{tool.Name}']";
        Require(!string.IsNullOrWhiteSpace(tool.Name), file, "tools[].name", "is missing");
        Require(tool.Command is { Count: > 0 }, file, $"{field}.command", "must list the program and its arguments, e.g. [\"node\", \"--version\"]");
        Require(Version.TryParse(Dotted(tool.Minimum), out _), file, $"{field}.minimum", $"is '{tool.Minimum}'; write a version like \"22.0\"");
        Require(tool.Below is null || Version.TryParse(Dotted(tool.Below), out _), file, $"{field}.below", $"is '{tool.Below}'; write a version like \"23.0\" or leave it out");
    }

    /// <summary>"22" as "22.0", so a major version alone parses.</summary>
    public static string Dotted(string? version) => version is null || version.Contains('.', StringComparison.Ordinal) ? version ?? "" : version + ".0";

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static void Require(bool valid, string file, string field, string problem)
    {
        if (!valid) throw new ServiceContractException($"{file}: {field} {problem}.");
    }
}
