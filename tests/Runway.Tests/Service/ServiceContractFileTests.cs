using Runway.Checklists.Checks;
using Runway.Service;
using Shouldly;
using Xunit;

namespace Runway.Tests.Service;

public sealed class ServiceContractFileTests
{
    [Fact]
    public void Load_TheSampleContract_KeepsTheSampleValuesOutOfTheCode()
    {
        var contract = SampleContract.Value;

        contract.HealthPath.ShouldBe("/health/ready");
        contract.NeedsToken.ShouldBeTrue();
        contract.Request.ShouldBe(new ServiceRequest("GET", "/api/orchestrations", null, contract.Request.Headers));
        contract.ConcurrentRequest!.Method.ShouldBe("POST");
        contract.ConcurrentRequest.Body.ShouldBe("""{"name":"runway-concurrent-check-{run}"}""");
        contract.ReleaseHeader.ShouldBe("X-Release");
        contract.Metrics.Requests.Scrape!.Series.ShouldBe("http_requests_total");
        contract.Metrics.Latency.Prometheus!.GroupLabel.ShouldBe("le");
    }

    [Fact]
    public void Parse_AServiceWithoutAuth_NeedsNoToken()
    {
        var contract = SampleContract.NodeStyle;

        contract.NeedsToken.ShouldBeFalse();
        contract.Metrics.Requests.Scrape!.StatusLabel.ShouldBe("status_code");
        contract.Metrics.Requests.Scrape.RoutePrefix.ShouldBeNull();
        contract.Metrics.Requests.IsError("503").ShouldBeTrue();
        contract.Metrics.Requests.IsError("404").ShouldBeFalse();
    }

    [Theory]
    [InlineData("\"healthPath\": \"/healthz\"", "\"healthPath\": \"healthz\"", "healthPath")]
    [InlineData("\"method\": \"POST\"", "\"method\": \"FETCH\"", "request.method")]
    [InlineData("{{release}}\\\"}[{{window}}]))\", \"groupLabel\": \"le\"", "x\\\"}[5m]))\", \"groupLabel\": \"le\"", "metrics.latency.prometheus.query")]
    [InlineData("\"minimum\": \"5\"", "\"minimum\": \"five\"", "minimum")]
    [InlineData("\"auth\": \"none\"", "\"auth\": \"basic\"", "$.auth")]
    [InlineData("\"releaseHeader\"", "\"releaseHeadr\"", "releaseHeadr")]
    public void Parse_ABadField_NamesTheFileTheFieldAndTheFix(string good, string bad, string named)
    {
        SampleContract.NodeStyleJson.ShouldContain(good);

        var error = Should.Throw<ServiceContractException>(() => ServiceContractFile.Parse(SampleContract.NodeStyleJson.Replace(good, bad), "node-service.json"));

        error.Message.ShouldContain("node-service.json");
        error.Message.ShouldContain(named);
    }

    [Fact]
    public void Load_AMissingFile_SaysHowToCreateIt()
    {
        var error = Should.Throw<ServiceContractException>(() => ServiceContractFile.Load(Path.Combine(Path.GetTempPath(), "no-such-dir", "service.json")));

        error.Message.ShouldContain("./build.sh Init");
    }

    [Fact]
    public async Task ToolVersions_FromTheContract_AsksOnlyTheServicesTools()
    {
        var result = await ToolVersionsCheck.RunAsync(ToolContracts.Requirements(SampleContract.NodeStyle));

        result.Passed.ShouldBeTrue(result.Summary);
        result.Evidence["tools"]!.AsArray().Count.ShouldBe(1);
        result.Evidence["tools"]![0]!["name"]!.GetValue<string>().ShouldBe("sh");
    }
}
