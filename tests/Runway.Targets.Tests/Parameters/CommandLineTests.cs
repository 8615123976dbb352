using Runway.Targets.Parameters;
using Shouldly;
using Xunit;

namespace Runway.Targets.Tests.Parameters;

public sealed class CommandLineTests
{
    [Fact]
    public void Parse_TokensBeforeFirstOption_AreTargets()
    {
        var commandLine = CommandLine.Parse(["Canary", "Rollout50", "--version", "2.4.0"]);

        commandLine.Targets.ShouldBe(["Canary", "Rollout50"]);
        commandLine.Options["version"].ShouldBe(["2.4.0"]);
    }

    [Fact]
    public void Parse_OptionWithSeveralValues_TakesValuesUntilNextOption()
    {
        var commandLine = CommandLine.Parse(["--regions", "eu", "us", "ap", "--dry-run"]);

        commandLine.Targets.ShouldBeEmpty();
        commandLine.Options["regions"].ShouldBe(["eu", "us", "ap"]);
    }

    [Fact]
    public void Parse_FlagAlone_GivesEmptyList()
    {
        var commandLine = CommandLine.Parse(["Deploy", "--dry-run"]);

        commandLine.Options["dry-run"].ShouldBeEmpty();
        commandLine.Has("dry-run").ShouldBeTrue();
    }

    [Fact]
    public void Parse_NameEqualsValue_GivesTheValue()
    {
        var commandLine = CommandLine.Parse(["--bake-time=30s", "--note=a=b"]);

        commandLine.Options["bake-time"].ShouldBe(["30s"]);
        commandLine.Options["note"].ShouldBe(["a=b"]);
    }

    [Fact]
    public void Parse_RepeatedOption_AppendsValues()
    {
        var commandLine = CommandLine.Parse(["--profile", "staging", "--profile", "eu"]);

        commandLine.Options["profile"].ShouldBe(["staging", "eu"]);
    }

    [Fact]
    public void Options_DifferentCase_MatchesIgnoringCase()
    {
        var commandLine = CommandLine.Parse(["--Bake-Time", "5m"]);

        commandLine.Options["bake-time"].ShouldBe(["5m"]);
        commandLine.Has("BAKE-TIME").ShouldBeTrue();
        commandLine.Has("--bake-time").ShouldBeTrue();
    }

    [Fact]
    public void Parse_SingleDashValue_IsAValueNotAnOption()
    {
        var commandLine = CommandLine.Parse(["--offset", "-5"]);

        commandLine.Options["offset"].ShouldBe(["-5"]);
    }

    [Fact]
    public void Parse_NoArguments_GivesNothing()
    {
        var commandLine = CommandLine.Parse([]);

        commandLine.Targets.ShouldBeEmpty();
        commandLine.Options.ShouldBeEmpty();
        commandLine.Has("help").ShouldBeFalse();
    }

    [Theory]
    [InlineData("--")]
    [InlineData("--=s3cret")]
    public void Parse_OptionWithoutName_FailsWithoutEchoingTheValue(string argument)
    {
        var error = Should.Throw<ParameterException>(() => CommandLine.Parse(["Deploy", argument]));

        error.Message.ShouldContain("has no option name");
        error.Message.ShouldNotContain("s3cret");
    }
}
