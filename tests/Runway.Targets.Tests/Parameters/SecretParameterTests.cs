using Runway.Targets.Parameters;
using Shouldly;
using Xunit;

namespace Runway.Targets.Tests.Parameters;

public sealed class SecretParameterTests : IDisposable
{
    private const string Token = "ghp_s3cretT0ken";

    private readonly TempRoot _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Bind_SecretsFromAnySource_AreListedLongestFirst()
    {
        _root.WithParameters("""{ "VaultPin": 4711 }""");

        var (build, bound) = Binding.Bind(_root, [], new() { ["RUNWAY_GITHUB_TOKEN"] = Token });

        build.GitHubToken.ShouldBe(Token);
        bound.SecretValues.ShouldBe([Token, "4711"]);
    }

    [Fact]
    public void Bind_NoSecretsSet_ListsNothing()
    {
        var (_, bound) = Binding.Bind(_root, [], new() { ["RUNWAY_GITHUB_TOKEN"] = "" });

        // VaultPin stays 0: masking it would blank every 0 in the log.
        bound.SecretValues.ShouldBeEmpty();
    }

    [Fact]
    public void Bind_SecretArrayAndInitialiser_ListsEveryItem()
    {
        var build = new SecretDefaultsBuild();
        var binder = new ParameterBinder(_root.Path, new Dictionary<string, string>(), Binding.EngineOptions);

        var bound = binder.Bind(build, CommandLine.Parse(["--keys", "alpha-key", "beta-key-long"]));

        bound.SecretValues.ShouldBe(["committed-default", "beta-key-long", "alpha-key"]);
    }

    private sealed class SecretDefaultsBuild
    {
        [Parameter("Keys"), Secret]
        public string[] Keys { get; set; } = [];

        [Parameter("A secret with a default"), Secret]
        public string Password { get; set; } = "committed-default";
    }

    [Fact]
    public void Bind_SecretThatFailsToConvert_KeepsValueOutOfMessage()
    {
        var error = Binding.Fails(_root, [], new() { ["RUNWAY_VAULT_PIN"] = "pin-8812-secret" });

        error.Message.ShouldNotContain("8812");
        error.Message.ShouldBe(
            "Parameter 'vault-pin' from RUNWAY_VAULT_PIN in the environment: the value (hidden: the parameter is secret) is not valid. " +
            $"Expected a whole number between {int.MinValue} and {int.MaxValue}.");
    }

    [Fact]
    public void Bind_SecretGivenTwiceOnCommandLine_KeepsValuesOutOfMessage()
    {
        var error = Binding.Fails(_root, ["--github-token", Token, "other-" + Token]);

        error.Message.ShouldNotContain(Token);
    }

    [Fact]
    public void Bind_SecretUnderMistypedOption_KeepsValueOutOfMessage()
    {
        var error = Binding.Fails(_root, ["--github-tokn", Token]);

        error.Message.ShouldNotContain(Token);
        error.Message.ShouldContain("--github-token");
    }

    [Fact]
    public void Bind_MalformedJsonHoldingSecret_KeepsValueOutOfMessage()
    {
        _root.WithParameters($$"""{ "GitHubToken": {{Token}} }""");

        var error = Binding.Fails(_root, []);

        error.Message.ShouldNotContain("s3cret");
        error.Message.ShouldNotContain("ghp");
    }

    [Fact]
    public void Descriptor_ToString_NeverShowsSecretDefault()
    {
        var descriptor = ParameterDiscovery.Discover(typeof(SampleBuild), new SampleBuild { GitHubToken = Token })
            .Single(p => p.CliName == "github-token");

        descriptor.ToString().ShouldNotContain(Token);
    }
}
