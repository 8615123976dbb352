using Runway.Router.Hosting;
using Shouldly;
using Xunit;

namespace Runway.Router.Tests.Hosting;

public sealed class RouterArgumentsTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Fact]
    public void Parse_AllOptions_ReadsThem()
    {
        var parsed = RouterArguments.Parse(["--port", "8080", "--admin-port", "8081", "--state-file", "s.json", "--token-file", "t", "--drain-timeout", "5"], NoEnvironment);

        parsed.ShouldBe(new RouterArguments(8080, 8081, "s.json", "t", TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void Parse_OptionFromEnvironment_FillsTheGapAndDefaultsDrainTo30Seconds()
    {
        var parsed = RouterArguments.Parse(["--port", "8080", "--state-file", "s.json", "--token-file", "t"],
            name => name == "RUNWAY_ROUTER_ADMIN_PORT" ? "9000" : null);

        parsed.AdminPort.ShouldBe(9000);
        parsed.DrainTimeout.ShouldBe(TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData(new[] { "--admin-port", "1", "--state-file", "s", "--token-file", "t" }, "--port is required")]
    [InlineData(new[] { "--port", "70000", "--admin-port", "1", "--state-file", "s", "--token-file", "t" }, "from 1 to 65535")]
    [InlineData(new[] { "--port", "1", "--admin-port", "1", "--state-file", "s", "--token-file", "t" }, "its own port")]
    [InlineData(new[] { "--prot", "1" }, "Unknown option --prot")]
    public void Parse_BadArguments_ThrowsNamingTheOption(string[] args, string message)
    {
        Should.Throw<ArgumentException>(() => RouterArguments.Parse(args, NoEnvironment)).Message.ShouldContain(message);
    }
}
