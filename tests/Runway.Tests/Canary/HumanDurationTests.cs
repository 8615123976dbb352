using Runway.Canary;
using Shouldly;
using Xunit;

namespace Runway.Tests.Canary;

public sealed class HumanDurationTests
{
    [Theory]
    [InlineData(15.3242508, "15 s")]
    [InlineData(0.35, "350 ms")]
    [InlineData(4.04, "4 s")]
    [InlineData(4.25, "4.3 s")]
    [InlineData(270, "4 m 30 s")]
    [InlineData(1800, "30 m")]
    [InlineData(3900, "1 h 5 m")]
    public void Format_SaysDurationsAsPeopleDo(double seconds, string expected)
    {
        HumanDuration.Format(TimeSpan.FromSeconds(seconds)).ShouldBe(expected);
    }
}
