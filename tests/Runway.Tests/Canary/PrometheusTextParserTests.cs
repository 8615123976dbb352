using Runway.Canary;
using Shouldly;
using Xunit;

namespace Runway.Tests.Canary;

public sealed class PrometheusTextParserTests
{
    private const string Exposition = """
        # HELP http_requests_total Requests answered, by route, method and status.
        # TYPE http_requests_total counter
        http_requests_total{route="/api/orchestrations",method="GET",status="200"} 1027
        http_requests_total{route="/api/orchestrations/{id}",method="GET",status="500"} 3 1700000000000
        # a free comment line
        http_request_duration_seconds_bucket{route="/api/orchestrations",method="GET",le="0.005"} 800
        http_request_duration_seconds_bucket{route="/api/orchestrations",method="GET",le="+Inf"} 1027
        http_request_duration_seconds_sum{route="/api/orchestrations",method="GET"} 3.5e0
        odd_label{path="C:\\temp",quote="say \"hi\"",line="a\nb",} NaN
        process_start_time_seconds 1.7e+09

        go_threads -Inf
        """;

    [Fact]
    public void Parse_RealisticExposition_ReadsEverySampleAndSkipsComments()
    {
        var samples = PrometheusTextParser.Parse(Exposition);

        samples.Count.ShouldBe(8);
        samples[0].Name.ShouldBe("http_requests_total");
        samples[0].Label("route").ShouldBe("/api/orchestrations");
        samples[0].Label("status").ShouldBe("200");
        samples[0].Value.ShouldBe(1027);
        samples[1].Label("route").ShouldBe("/api/orchestrations/{id}");
        samples[1].Value.ShouldBe(3);
        samples[3].Label("le").ShouldBe("+Inf");
        samples[4].Value.ShouldBe(3.5);
    }

    [Fact]
    public void Parse_EscapedLabelValuesAndSpecialValues_UnescapesAndReadsInfNaN()
    {
        var samples = PrometheusTextParser.Parse(Exposition);

        var odd = samples.Single(s => s.Name == "odd_label");
        odd.Label("path").ShouldBe(@"C:\temp");
        odd.Label("quote").ShouldBe("say \"hi\"");
        odd.Label("line").ShouldBe("a\nb");
        double.IsNaN(odd.Value).ShouldBeTrue();
        samples.Single(s => s.Name == "process_start_time_seconds").Labels.ShouldBeEmpty();
        samples.Single(s => s.Name == "go_threads").Value.ShouldBe(double.NegativeInfinity);
    }

    [Fact]
    public void Parse_PositiveInfinityValue_ReadsInfinity()
    {
        PrometheusTextParser.Parse("x_bucket{le=\"+Inf\"} +Inf\n")[0].Value.ShouldBe(double.PositiveInfinity);
    }

    [Theory]
    [InlineData("metric{route=\"/api} 1", "no closing quote")]
    [InlineData("metric{route=/api} 1", "name=\"value\"")]
    [InlineData("metric{route=\"/api\"} twelve", "not a number")]
    [InlineData("{route=\"/api\"} 1", "metric name")]
    public void Parse_MalformedLine_ThrowsNamingLineAndReason(string line, string reason)
    {
        var error = Should.Throw<FormatException>(() => PrometheusTextParser.Parse("# TYPE metric counter\n" + line));

        error.Message.ShouldContain("line 2");
        error.Message.ShouldContain(reason);
    }
}
