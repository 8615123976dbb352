using Runway.Targets.Parameters;
using Shouldly;
using Xunit;

namespace Runway.Targets.Tests.Parameters;

public sealed class NameSuggestionsTests
{
    private static readonly string[] Options = ["bake-time", "version", "profile", "plan", "replicas", "regions"];

    [Theory]
    [InlineData("verison", "version")]
    [InlineData("VERSION", "version")]
    [InlineData("bake-tim", "bake-time")]
    [InlineData("baketime", "bake-time")]
    [InlineData("replics", "replicas")]
    [InlineData("bake", "bake-time")]
    public void Nearest_Typo_SuggestsTheIntendedName(string input, string expected)
    {
        NameSuggestions.Nearest(input, Options)[0].ShouldBe(expected);
    }

    [Theory]
    [InlineData("deploy")]
    [InlineData("x")]
    [InlineData("zzzzzzzz")]
    public void Nearest_NothingPlausible_SuggestsNothing(string input)
    {
        NameSuggestions.Nearest(input, Options).ShouldBeEmpty();
    }

    [Fact]
    public void Nearest_SeveralClose_OrdersByDistanceAndHonoursMax()
    {
        var suggestions = NameSuggestions.Nearest("plane", ["plain", "plans", "planet", "plan"], max: 3);

        suggestions.ShouldBe(["plan", "planet", "plans"]);
    }
}
