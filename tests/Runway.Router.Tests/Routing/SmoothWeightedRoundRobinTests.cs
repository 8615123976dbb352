using Runway.Router.Routing;
using Shouldly;
using Xunit;

namespace Runway.Router.Tests.Routing;

public sealed class SmoothWeightedRoundRobinTests
{
    [Theory]
    [InlineData(new[] { 90, 10 }, 100)]
    [InlineData(new[] { 50, 50 }, 10)]
    [InlineData(new[] { 33, 33, 34 }, 100)]
    [InlineData(new[] { 1, 99 }, 100)]
    public void Next_OverOneFullCycle_PicksEachIndexExactlyItsWeight(int[] weights, int picks)
    {
        var selector = new SmoothWeightedRoundRobin(weights);

        var counts = new int[weights.Length];
        for (var i = 0; i < picks; i++)
        {
            counts[selector.Next()]++;
        }

        var total = weights.Sum();
        counts.ShouldBe(weights.Select(w => w * picks / total).ToArray());
    }

    [Fact]
    public void Next_FiveToOne_InterleavesInsteadOfBursting()
    {
        var selector = new SmoothWeightedRoundRobin([5, 1, 1]);

        var sequence = Enumerable.Range(0, 7).Select(_ => selector.Next()).ToArray();

        sequence.ShouldBe([0, 0, 1, 0, 2, 0, 0]);
    }
}
