using Runway.Targets.Tests.Support;
using Shouldly;
using Xunit;

namespace Runway.Targets.Tests.Logging;

public sealed class SecretMaskingTests
{
    private const string Secret = "s3cr3t-t0ken-value";

    private sealed class LeakyBuild : RecordingBuild
    {
        [Parameter("an API token"), Secret]
        public string? ApiToken { get; set; }

        public Target Default => _ => _.Executes(() =>
        {
            Logger.Information("Property: {Token}", ApiToken);
            Logger.Information("Template text: " + ApiToken);
            Logger.Information("Nested: {@Settings}", new { Connection = new { Text = $"Host=db;Password={ApiToken}" }, Items = new[] { ApiToken } });
            Logger.Warning(new InvalidOperationException($"call with {ApiToken} refused"), "Call failed");
            throw new InvalidOperationException($"Token {ApiToken} rejected");
        });

        public Target Skipper => _ => _.SkipWhen(_ => Task.FromResult<string?>($"token {ApiToken} already used"));
    }

    [Theory]
    [InlineData("normal")]
    [InlineData("verbose")]
    public void Logging_SecretParameter_IsMaskedOnTheConsole(string verbosity)
    {
        using var harness = new BuildHarness();
        harness.Environment["RUNWAY_API_TOKEN"] = Secret;

        harness.Run(() => new LeakyBuild(), "--verbosity", verbosity).ShouldBe(1);

        harness.Output.ShouldNotContain(Secret);
        harness.Output.ShouldContain("Property: *****");
        harness.Output.ShouldContain("Template text: *****");
        harness.Output.ShouldContain("Password=*****");
        harness.Output.ShouldContain("Default failed: Token ***** rejected");
    }

    [Fact]
    public void Logging_SecretParameter_IsMaskedInTheLogFile()
    {
        using var harness = new BuildHarness();
        harness.Environment["RUNWAY_API_TOKEN"] = Secret;

        harness.Run(() => new LeakyBuild()).ShouldBe(1);

        var log = File.ReadAllText(harness.LogFile);
        log.ShouldNotContain(Secret);
        log.ShouldContain("call with ***** refused");
        log.ShouldContain("Password=*****");
        log.ShouldContain("Token ***** rejected");
    }

    [Fact]
    public void Logging_EveryEvent_CarriesRunIdAndTarget()
    {
        using var harness = new BuildHarness();

        harness.Run(() => new LeakyBuild());

        var lines = File.ReadAllLines(harness.LogFile);
        lines.ShouldNotBeEmpty();
        lines.ShouldAllBe(line => line.Contains("\"RunId\":\"run00001\"") && line.Contains("\"Target\":"));
        lines.ShouldContain(line => line.Contains("\"Target\":\"Default\""));
    }

    [Fact]
    public void Summary_SkipReasonWithASecret_IsMasked()
    {
        using var harness = new BuildHarness();
        harness.Environment["RUNWAY_API_TOKEN"] = Secret;

        harness.Run(() => new LeakyBuild(), "Skipper").ShouldBe(0);

        harness.Output.ShouldNotContain(Secret);
        harness.Output.ShouldContain("Skipped (token ***** already used)");
        File.ReadAllText(harness.LogFile).ShouldNotContain(Secret);
    }
}
