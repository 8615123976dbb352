using Runway.Targets.Parameters;
using Shouldly;
using Xunit;

namespace Runway.Targets.Tests.Output;

/// <summary>Issue 14 rule 8: one duration format everywhere, and what is shown can be typed back.</summary>
public sealed class DurationTextTests
{
    [Theory]
    [InlineData(0, "0 ms")]
    [InlineData(850, "850 ms")]
    [InlineData(2_500, "2.5 s")]
    [InlineData(20_000, "20 s")]
    [InlineData(15_324, "15 s")]
    [InlineData(59_600, "1 m")]
    [InlineData(90_000, "1 m 30 s")]
    [InlineData(1_800_000, "30 m")]
    [InlineData(7_500_000, "2 h 5 m")]
    [InlineData(97_200_000, "1 d 3 h")]
    public void Format_Duration_UsesTheTwoLargestUnits(long milliseconds, string expected)
    {
        DurationText.Format(TimeSpan.FromMilliseconds(milliseconds)).ShouldBe(expected);
    }

    [Theory]
    [InlineData("1 m 30 s", 90)]
    [InlineData("20 s", 20)]
    [InlineData("2 h 5 m", 7_500)]
    public void Format_Output_ParsesBackAsAParameterValue(string text, int seconds)
    {
        Durations.TryParse(text, out var value).ShouldBeTrue();
        value.ShouldBe(TimeSpan.FromSeconds(seconds));
    }
}
