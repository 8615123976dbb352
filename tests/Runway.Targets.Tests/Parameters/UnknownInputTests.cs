using Shouldly;
using Xunit;

namespace Runway.Targets.Tests.Parameters;

public sealed class UnknownInputTests : IDisposable
{
    private readonly TempRoot _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Bind_MistypedOption_FailsSuggestingTheParameter()
    {
        var error = Binding.Fails(_root, ["Deploy", "--bake-tmie", "5m"]);

        error.Message.ShouldBe("Unknown option --bake-tmie on the command line. Did you mean --bake-time? Run with --help to list the options.");
    }

    [Fact]
    public void Bind_MistypedEngineOption_SuggestsTheEngineOption()
    {
        Binding.Fails(_root, ["--profle", "production"]).Message.ShouldContain("Did you mean --profile?");
    }

    [Fact]
    public void Bind_OptionUnlikeAnything_FailsWithoutSuggestion()
    {
        var error = Binding.Fails(_root, ["--zzzzzzzz"]);

        error.Message.ShouldBe("Unknown option --zzzzzzzz on the command line. Run with --help to list the options.");
    }

    [Fact]
    public void Bind_EngineOptions_AreAccepted()
    {
        var (build, _) = Binding.Bind(_root, ["Deploy", "--plan", "--skip", "Canary", "--HELP"]);

        build.Version.ShouldBeNull();
    }

    [Fact]
    public void Bind_UnknownJsonKey_FailsNamingFileAndSuggestingParameter()
    {
        _root.WithParameters("""{ "Verison": "1.0.0" }""", "production");

        var error = Binding.Fails(_root, ["--profile", "production"]);

        error.Message.ShouldBe(
            "Unknown key \"Verison\" in .nuke/parameters.production.json: no parameter has that name. Did you mean \"Version\"? " +
            "Keys are the parameters' PascalCase names; see .nuke/build.schema.json.");
    }

    [Fact]
    public void Bind_KebabCaseJsonKey_SuggestsPascalCaseName()
    {
        _root.WithParameters("""{ "bake-time": "5m" }""");

        Binding.Fails(_root, []).Message.ShouldContain("Did you mean \"BakeTime\"?");
    }

    [Fact]
    public void Bind_SchemaAndCommentKeys_AreAccepted()
    {
        _root.WithParameters("""{ "$schema": "./build.schema.json", "$comment": "why 1.0.0: pinned for the demo", "Version": "1.0.0" }""");

        var (build, _) = Binding.Bind(_root, []);

        build.Version.ShouldBe("1.0.0");
    }

    [Theory]
    [InlineData("Skip", "[\"Canary\"]", "--skip")]
    [InlineData("Verbosity", "\"quiet\"", "--verbosity")]
    public void Bind_EngineOptionAsJsonKey_FailsSayingItIsForTheCommandLine(string key, string value, string option)
    {
        _root.WithParameters($$"""{ "{{key}}": {{value}} }""");

        var error = Binding.Fails(_root, []);

        error.Message.ShouldContain($"\"{key}\" in .nuke/parameters.json");
        error.Message.ShouldContain($"{option} is an option of the command line");
    }

    [Fact]
    public void Bind_CommentInJson_FailsSayingToUseCommentKey()
    {
        _root.WithParameters("{\n  // pinned\n  \"Version\": \"1.0.0\"\n}");

        var error = Binding.Fails(_root, []);

        error.Message.ShouldContain("line 2");
        error.Message.ShouldContain("\"$comment\"");
    }

    [Fact]
    public void Bind_NullForANonNullableParameter_Fails()
    {
        _root.WithParameters("""{ "Region": null }""");

        Binding.Fails(_root, []).Message.ShouldContain("'null' is not valid");
    }

    [Fact]
    public void Bind_MalformedJson_FailsNamingFileAndLine()
    {
        _root.WithParameters("{\n  \"Version\": \"1.0.0\"\n  \"Replicas\": 3\n}", "staging");

        var error = Binding.Fails(_root, ["--profile", "staging"]);

        error.Message.ShouldStartWith(".nuke/parameters.staging.json is not valid JSON: the error is at line 3,");
    }

    [Fact]
    public void Bind_TrailingComma_IsRefusedAsInAnyJsonEditor()
    {
        _root.WithParameters("{\n  \"Version\": \"1.0.0\",\n}");

        Binding.Fails(_root, []).Message.ShouldContain("is not valid JSON");
    }

    [Fact]
    public void Bind_JsonArrayAtRoot_Fails()
    {
        _root.WithParameters("[]");

        Binding.Fails(_root, []).Message.ShouldStartWith(".nuke/parameters.json must hold a JSON object");
    }
}
