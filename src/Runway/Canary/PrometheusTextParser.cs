using System.Globalization;
using System.Text;

namespace Runway.Canary;

/// <summary>
/// Parses the Prometheus text exposition format (version 0.0.4): comments and <c># HELP</c>/<c># TYPE</c> lines are
/// skipped, label values may hold escaped quotes, backslashes and newlines, values may be <c>+Inf</c>, <c>-Inf</c> or
/// <c>NaN</c>, and an optional timestamp after the value is ignored.
/// </summary>
public static class PrometheusTextParser
{
    /// <summary>Parses every sample line of an exposition text.</summary>
    /// <exception cref="FormatException">A line is not a valid sample; the message names the line.</exception>
    public static IReadOnlyList<PrometheusSample> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var samples = new List<PrometheusSample>();
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            samples.Add(ParseLine(line, lineNumber));
        }

        return samples;
    }

    private static PrometheusSample ParseLine(string line, int lineNumber)
    {
        var position = 0;
        var name = ReadName(line, ref position);
        if (name.Length == 0)
        {
            throw Invalid(line, lineNumber, "it does not start with a metric name");
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (position < line.Length && line[position] == '{')
        {
            position++;
            ReadLabels(line, ref position, labels, lineNumber);
        }

        var rest = line[position..].Trim().Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (rest.Length == 0 || !TryParseValue(rest[0], out var value))
        {
            throw Invalid(line, lineNumber, "its value is missing or not a number");
        }

        return new PrometheusSample(name, labels, value);
    }

    private static string ReadName(string line, ref int position)
    {
        var start = position;
        while (position < line.Length && (char.IsAsciiLetterOrDigit(line[position]) || line[position] is '_' or ':'))
        {
            position++;
        }

        return line[start..position];
    }

    private static void ReadLabels(string line, ref int position, Dictionary<string, string> labels, int lineNumber)
    {
        while (true)
        {
            SkipSpacesAndCommas(line, ref position);
            if (position < line.Length && line[position] == '}')
            {
                position++;
                return;
            }

            var name = ReadName(line, ref position);
            if (name.Length == 0 || position + 1 >= line.Length || line[position] != '=' || line[position + 1] != '"')
            {
                throw Invalid(line, lineNumber, "a label is not written name=\"value\"");
            }

            position += 2;
            labels[name] = ReadQuoted(line, ref position, lineNumber);
        }
    }

    private static void SkipSpacesAndCommas(string line, ref int position)
    {
        while (position < line.Length && line[position] is ' ' or '\t' or ',')
        {
            position++;
        }
    }

    private static string ReadQuoted(string line, ref int position, int lineNumber)
    {
        var value = new StringBuilder();
        while (position < line.Length)
        {
            var c = line[position++];
            if (c == '"')
            {
                return value.ToString();
            }

            if (c == '\\' && position < line.Length)
            {
                var escaped = line[position++];
                value.Append(escaped == 'n' ? '\n' : escaped);
                continue;
            }

            value.Append(c);
        }

        throw Invalid(line, lineNumber, "a label value has no closing quote");
    }

    private static bool TryParseValue(string text, out double value)
    {
        switch (text)
        {
            case "+Inf" or "Inf":
                value = double.PositiveInfinity;
                return true;
            case "-Inf":
                value = double.NegativeInfinity;
                return true;
            case "NaN":
                value = double.NaN;
                return true;
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }

    private static FormatException Invalid(string line, int lineNumber, string why) =>
        new($"Prometheus exposition line {lineNumber} is invalid because {why}: '{line}'. Expected 'name{{label=\"value\"}} 1.5'.");
}
