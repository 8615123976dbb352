using Runway.Checklists.Checks;
using Runway.Processes;
using Shouldly;
using Xunit;

namespace Runway.Tests.Checklists.Checks;

public sealed class EnvironmentAndToolChecksTests
{
    [Fact]
    public void EnvVarsSet_MissingAndBlank_FailsNamingThemWithoutValues()
    {
        var values = new Dictionary<string, string> { ["Sample__JwtSigningKey"] = "super-secret-value", ["Sample__Release"] = "  " };

        var result = EnvVarsSetCheck.Run(["Sample__JwtSigningKey", "Sample__Release", "ConnectionStrings__Sample"], values.GetValueOrDefault);

        result.Passed.ShouldBeFalse();
        result.Evidence["missing"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldBe(["Sample__Release", "ConnectionStrings__Sample"]);
        (result.Evidence.ToJsonString() + result.Summary).ShouldNotContain("super-secret-value");
    }

    [Fact]
    public void EnvVarsSet_ProcessEnvironment_PassesWhenSet()
    {
        var result = EnvVarsSetCheck.Run(["PATH"]);

        result.Passed.ShouldBeTrue();
        result.Summary.ShouldBe("1 required variable(s) set");
    }

    [Fact]
    public async Task ToolVersions_MachineTools_AreInTheDefaultRanges()
    {
        var result = await ToolVersionsCheck.RunAsync();

        result.Passed.ShouldBeTrue(result.Summary);
        result.Evidence["tools"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).ShouldBe(["dotnet SDK", "PostgreSQL server", "pg_dump"]);
        result.Evidence["tools"]!.AsArray()[1]!["version"]!.GetValue<string>().ShouldStartWith("15.");
    }

    [Fact]
    public async Task ToolVersions_OutOfRangeAndMissingTools_FailWithTheFix()
    {
        ToolRequirement[] requirements =
        [
            new("pg_dump", new ProcessSpec("pg_dump", ["--version"]), new Version(16, 0), null),
            new("ghost", new ProcessSpec("runway-no-such-tool", ["--version"]), new Version(1, 0), null),
        ];

        var result = await ToolVersionsCheck.RunAsync(requirements);

        result.Passed.ShouldBeFalse();
        result.Summary.ShouldMatch(@"^pg_dump 15\.\d+ is outside >= 16\.0; install a version in range; ghost not found \(`runway-no-such-tool --version`\); install >= 1\.0$");
    }

    [Theory]
    [InlineData("postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)", "15.18")]
    [InlineData("10.0.401\n", "10.0.401")]
    [InlineData("tool 7", "7.0")]
    public void ParseVersion_ToolOutput_FindsFirstVersion(string output, string expected)
    {
        ToolVersionsCheck.ParseVersion(output).ShouldBe(Version.Parse(expected));
    }
}
