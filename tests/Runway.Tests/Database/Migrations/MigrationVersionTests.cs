using Runway.Database.Migrations;
using Shouldly;
using Xunit;

namespace Runway.Tests.Database.Migrations;

public sealed class MigrationVersionTests
{
    [Fact]
    public void CompareTo_OrdersPartsNumerically()
    {
        var versions = new[] { "10", "2", "1.10", "1.2", "2_1", "1" }.Select(v => MigrationVersion.TryParse(v)!).Order().Select(v => v.ToString());

        versions.ShouldBe(["1", "1.2", "1.10", "2", "2.1", "10"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1..2")]
    [InlineData("a")]
    [InlineData("1-2")]
    public void TryParse_NotAVersion_ReturnsNull(string text) => MigrationVersion.TryParse(text).ShouldBeNull();

    [Fact]
    public void Equals_TrailingZeroParts_AreTheSameVersion() =>
        MigrationVersion.TryParse("1.0")!.ShouldBe(MigrationVersion.TryParse("1")!);
}
