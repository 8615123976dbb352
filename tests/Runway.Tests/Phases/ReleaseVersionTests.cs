using Runway.Phases;
using Shouldly;
using Xunit;

namespace Runway.Tests.Phases;

public sealed class ReleaseVersionTests
{
    [Theory]
    [InlineData("1.0.0", "1.1.0")]
    [InlineData("1.9.0", "1.10.0")]
    [InlineData("1.2", "1.2.1")]
    [InlineData("v2.0.0", "2.0.1")]
    public void Compare_OlderFirst_IsNegative(string older, string newer)
    {
        ReleaseVersion.Compare(older, newer).ShouldBeLessThan(0);
        ReleaseVersion.Compare(newer, older).ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Compare_SameVersion_IsZero() => ReleaseVersion.Compare("1.2.3", "1.2.3").ShouldBe(0);
}
