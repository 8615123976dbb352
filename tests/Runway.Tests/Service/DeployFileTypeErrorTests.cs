using Runway.Service;
using Runway.Smoke;
using Shouldly;
using Xunit;

namespace Runway.Tests.Service;

/// <summary>
/// A value of the wrong type in the service contract or the smoke probes names the field and what it must be, in the
/// file's words, not a .NET type ("could not be converted to Runway.Service.ContractDocument" said nothing to a team).
/// </summary>
public sealed class DeployFileTypeErrorTests
{
    [Theory]
    [InlineData("\"healthPath\": \"/healthz\"", "\"healthPath\": 5", "$.healthPath", "a string")]
    [InlineData("\"auth\": \"none\"", "\"auth\": \"token\"", "$.auth", "one of none, bearer")]
    [InlineData("\"tools\": [", "\"tools\": 3, \"x\": [", "$.tools", "a list")]
    public void AServiceContractValueOfTheWrongType_NamesTheFieldAndTheKindItMustBe(string good, string bad, string field, string kind)
    {
        SampleContract.NodeStyleJson.ShouldContain(good);

        var error = Should.Throw<ServiceContractException>(() => ServiceContractFile.Parse(SampleContract.NodeStyleJson.Replace(good, bad), "service.json"));

        error.Message.ShouldContain($"service.json is not a valid service contract at {field}");
        error.Message.ShouldContain($"must be {kind}");
        error.Message.ShouldNotContain("Runway.");
        error.Message.ShouldNotContain("System.");
    }

    [Theory]
    [InlineData("\"expectedStatus\": true", "$.probes[0].expectedStatus", "a whole number")]
    [InlineData("\"bodyContains\": \"ok\"", "$.probes[0].bodyContains", "a list")]
    [InlineData("\"name\": 7", "$.probes[0].name", "a string")]
    public void ASmokeProbeValueOfTheWrongType_NamesTheFieldAndTheKindItMustBe(string bad, string field, string kind)
    {
        var json = $$"""{ "probes": [ { "name": "ready", "path": "/health", {{bad}} } ] }""".Replace("\"name\": \"ready\", \"name\": 7", "\"name\": 7");

        var error = Should.Throw<SmokeProbeFileException>(() => SmokeProbeFile.Parse(json, "smoke.json"));

        error.Message.ShouldContain($"smoke.json is not a valid probes file at {field}");
        error.Message.ShouldContain($"must be {kind}");
        error.Message.ShouldNotContain("Runway.");
        error.Message.ShouldNotContain("System.");
    }
}
