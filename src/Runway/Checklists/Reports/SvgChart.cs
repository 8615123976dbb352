using System.Globalization;
using System.Net;
using System.Text;

namespace Runway.Checklists.Reports;

/// <summary>One line of a chart: its name, colour and points (x, y); a null y leaves a gap.</summary>
/// <param name="Name">What the line shows, e.g. <c>canary</c>.</param>
/// <param name="Color">A CSS colour.</param>
/// <param name="Points">The points in x order.</param>
/// <param name="Dashed">Drawn dashed (a boundary rather than a measurement).</param>
public sealed record ChartSeries(string Name, string Color, IReadOnlyList<(double X, double? Y)> Points, bool Dashed = false);

/// <summary>
/// A line chart as inline SVG, with no script and no external resource: axes with their ranges, one polyline per
/// series, and each point as a circle whose title and data attributes carry the recorded value.
/// </summary>
public static class SvgChart
{
    private const double Width = 640, Height = 220, Left = 56, Right = 120, Top = 28, Bottom = 30;

    /// <summary>The chart's SVG element; <paramref name="format"/> writes a value for people (axis and titles).</summary>
    public static string Render(string id, string title, IReadOnlyList<ChartSeries> series, Func<double, string> format)
    {
        var values = series.SelectMany(s => s.Points).Where(p => p.Y is { } y && double.IsFinite(y)).ToList();
        var (xMin, xMax) = Range(values.Select(p => p.X), 0);
        var (yMin, yMax) = Range(values.Select(p => p.Y!.Value).Append(0), 0);
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg id=\"{id}\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\">"));
        svg.Append(Invariant($"<title>{Encode(title)}</title><text x=\"{Left}\" y=\"16\" font-size=\"13\" font-weight=\"bold\">{Encode(title)}</text>"));
        Axes(svg, xMin, xMax, yMin, yMax, format);
        var legend = 0;
        foreach (var line in series)
        {
            Line(svg, line, x => Scale(x, xMin, xMax, Left, Width - Right), y => Scale(y, yMin, yMax, Height - Bottom, Top), format);
            svg.Append(Invariant($"<text x=\"{Width - Right + 10}\" y=\"{Top + 12 + (16 * legend++)}\" font-size=\"12\" fill=\"{line.Color}\">{Encode(line.Name)}</text>"));
        }

        return svg.Append("</svg>").ToString();
    }

    private static void Axes(StringBuilder svg, double xMin, double xMax, double yMin, double yMax, Func<double, string> format)
    {
        svg.Append(Invariant($"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" stroke=\"#888\"/>"));
        svg.Append(Invariant($"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"#888\"/>"));
        svg.Append(Invariant($"<text x=\"{Left - 4}\" y=\"{Top + 4}\" font-size=\"11\" text-anchor=\"end\">{Encode(format(yMax))}</text>"));
        svg.Append(Invariant($"<text x=\"{Left - 4}\" y=\"{Height - Bottom}\" font-size=\"11\" text-anchor=\"end\">{Encode(format(yMin))}</text>"));
        svg.Append(Invariant($"<text x=\"{Left}\" y=\"{Height - 10}\" font-size=\"11\">{xMin:0.#} s</text>"));
        svg.Append(Invariant($"<text x=\"{Width - Right}\" y=\"{Height - 10}\" font-size=\"11\" text-anchor=\"end\">{xMax:0.#} s</text>"));
    }

    private static void Line(StringBuilder svg, ChartSeries line, Func<double, double> x, Func<double, double> y, Func<double, string> format)
    {
        var points = line.Points.Where(p => p.Y is { } v && double.IsFinite(v)).ToList();
        var dash = line.Dashed ? " stroke-dasharray=\"6 4\"" : "";
        var path = string.Join(' ', points.Select(p => Invariant($"{x(p.X):0.##},{y(p.Y!.Value):0.##}")));
        var data = string.Join(' ', points.Select(p => format(p.Y!.Value)));
        svg.Append(Invariant($"<polyline class=\"series\" data-series=\"{Encode(line.Name)}\" data-values=\"{Encode(data)}\" fill=\"none\" stroke=\"{line.Color}\" stroke-width=\"2\"{dash} points=\"{path}\"/>"));
        foreach (var p in points)
            svg.Append(Invariant($"<circle cx=\"{x(p.X):0.##}\" cy=\"{y(p.Y!.Value):0.##}\" r=\"3\" fill=\"{line.Color}\"><title>{Encode(line.Name)} at {p.X:0.#} s: {Encode(format(p.Y!.Value))}</title></circle>"));
    }

    private static (double Min, double Max) Range(IEnumerable<double> values, double fallback)
    {
        var list = values.ToList();
        if (list.Count == 0) return (fallback, fallback + 1);
        var (min, max) = (list.Min(), list.Max());
        return max > min ? (min, max) : (min, min + 1);
    }

    private static double Scale(double value, double min, double max, double from, double to) => from + ((value - min) / (max - min) * (to - from));

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
