using Runway.Phases;
using Shouldly;
using Xunit;

namespace Runway.Tests.Canary;

public sealed class BaselineSplitTests
{
    [Fact]
    public void Weights_TheCanaryAndTheFreshPoolGetTheShareEach_TheLivePoolTheRest() =>
        new BaselineSplit("1.0.0", "1.0.0~baseline", "1.1.0", 10).Weights
            .ShouldBe(new Dictionary<string, int> { ["1.0.0"] = 80, ["1.0.0~baseline"] = 10, ["1.1.0"] = 10 });
}
