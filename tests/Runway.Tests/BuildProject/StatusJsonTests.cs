using System.Text.Json.Nodes;
using Runway.Phases;
using Shouldly;
using Xunit;

namespace Runway.Tests.BuildProject;

/// <summary>Issue 14 rule 5: `Status --json` is data for scripts and people: `+` (build metadata) stays `+`.</summary>
public sealed class StatusJsonTests
{
    [Fact]
    public void Json_ReleaseWithBuildMetadata_KeepsThePlus()
    {
        var json = StatusReport.Json(new JsonObject { ["release"] = "1.1.0+sha.5f2e", ["url"] = "http://127.0.0.1:5080/?a=1&b=<2>" });

        json.ShouldContain("\"1.1.0+sha.5f2e\"");
        json.ShouldNotContain("\\u002B");
        JsonNode.Parse(json)!["url"]!.GetValue<string>().ShouldBe("http://127.0.0.1:5080/?a=1&b=<2>");
    }
}
