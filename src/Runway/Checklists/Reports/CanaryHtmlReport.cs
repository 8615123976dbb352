using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Runway.Checklists.Reports;

/// <summary>
/// The canary bake as a page a person can read offline: the verdict and its reason, a chart per metric (baseline
/// against canary over the bake, and the canary's z against the sequential boundary), and a table of every look.
/// Everything is inline: no script, style sheet or font is fetched.
/// </summary>
public static class CanaryHtmlReport
{
    private const string Baseline = "#1f77b4", Canary = "#d62728", Boundary = "#555";

    /// <summary>True when <paramref name="evidence"/> is a bake's evidence with looks to draw.</summary>
    public static bool CanRender(JsonObject? evidence) => evidence?["looks"] is JsonArray { Count: > 0 };

    /// <summary>Writes <c>canary.html</c> into <paramref name="directory"/> (created when missing) and returns its path.</summary>
    public static async Task<string> WriteAsync(string directory, string release, JsonObject evidence, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "canary.html");
        // Written beside and renamed: a crash never leaves a torn report under its name.
        await Runway.Files.AtomicFile.WriteAllTextAsync(path, Render(release, evidence), cancellationToken).ConfigureAwait(false);
        return path;
    }

    /// <summary>The page for a bake's evidence (<c>BakeResult.ToEvidence()</c>).</summary>
    public static string Render(string release, JsonObject evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var looks = (evidence["looks"] as JsonArray ?? []).OfType<JsonObject>().Where(l => l["baseline"] is not null).ToList();
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Canary of ").Append(Encode(release)).Append("</title>");
        page.Append("<style>body{font-family:sans-serif;margin:2em;max-width:60em}table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}</style></head><body>");
        page.Append("<h1>Canary of ").Append(Encode(release)).Append(": <span id=\"verdict\">").Append(Encode(Text(evidence["verdict"]))).Append("</span></h1>");
        page.Append("<p id=\"reason\">").Append(Encode(Text(evidence["reason"]))).Append("</p>");
        page.Append("<p>").Append(Encode(Text(evidence["sequential"]?["method"]))).Append(".</p>");
        page.Append("<h2>Errors</h2>").Append(Chart("error-rate", "Error rate (%)", looks, "errorRate", 100, v => Invariant($"{v:0.###} %")));
        page.Append(ZChart("error-z", "Error test z against the boundary", looks, "errorRate"));
        page.Append("<h2>Latency</h2>").Append(Chart("median-latency", "Median latency (ms)", looks, "medianLatencySeconds", 1000, v => Invariant($"{v:0.##} ms")));
        page.Append(ZChart("latency-z", "Latency test z against the boundary", looks, "latency"));
        page.Append("<h2>Looks</h2>").Append(Table(evidence));
        return page.Append("</body></html>").ToString();
    }

    private static string Chart(string id, string title, List<JsonObject> looks, string figure, double scale, Func<double, string> format) =>
        SvgChart.Render(id, title,
        [
            new ChartSeries("baseline", Baseline, Points(looks, l => Number(l["baseline"]?[figure]) * scale)),
            new ChartSeries("canary", Canary, Points(looks, l => Number(l["canary"]?[figure]) * scale)),
        ], format);

    private static string ZChart(string id, string title, List<JsonObject> looks, string test) =>
        SvgChart.Render(id, title,
        [
            new ChartSeries("canary z", Canary, Points(looks, l => Number(l[test]?["z"]))),
            new ChartSeries("boundary", Boundary, Points(looks, l => Number(l["boundary"])), Dashed: true),
        ], v => Invariant($"{v:0.00}"));

    private static List<(double X, double? Y)> Points(List<JsonObject> looks, Func<JsonObject, double?> value) =>
        looks.Select(l => (Number(l["seconds"]) ?? 0, value(l))).ToList();

    private static string Table(JsonObject evidence)
    {
        var table = new StringBuilder("<table id=\"looks\"><tr><th>look</th><th>s</th><th>baseline requests</th><th>errors</th><th>p50 ms</th><th>p95 ms</th><th>p99 ms</th>"
            + "<th>canary requests</th><th>errors</th><th>p50 ms</th><th>p95 ms</th><th>p99 ms</th><th>z errors</th><th>z latency</th><th>boundary</th><th>decision</th></tr>");
        foreach (var look in (evidence["looks"] as JsonArray ?? []).OfType<JsonObject>())
        {
            table.Append("<tr>");
            Cells(table, Text(look["look"]), Text(look["seconds"]));
            Pool(table, look["baseline"]);
            Pool(table, look["canary"]);
            Cells(table, Fixed(look["errorRate"]?["z"]), Fixed(look["latency"]?["z"]), Fixed(look["boundary"]));
            Cells(table, look["measurementError"] is { } error ? $"measurement error: {Text(error)}" : Text(look["decision"]));
            table.Append("</tr>");
        }

        return table.Append("</table>").ToString();
    }

    private static void Pool(StringBuilder table, JsonNode? pool) =>
        Cells(table, Text(pool?["requests"]), Text(pool?["errors"]), Ms(pool?["medianLatencySeconds"]), Ms(pool?["p95LatencySeconds"]), Ms(pool?["p99LatencySeconds"]));

    private static void Cells(StringBuilder table, params string[] cells)
    {
        foreach (var cell in cells) table.Append("<td>").Append(Encode(cell)).Append("</td>");
    }

    private static double? Number(JsonNode? node) => node is JsonValue value && value.TryGetValue<double>(out var number) ? number : null;

    private static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString(),
    };

    private static string Fixed(JsonNode? node) => Number(node) is { } value ? Invariant($"{value:0.00}") : "";

    private static string Ms(JsonNode? node) => Number(node) is { } value ? Invariant($"{value * 1000:0.##}") : "";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
