using Runway.Router.Routing;
using Shouldly;
using Xunit;

namespace Runway.Router.Tests.Routing;

public sealed class RouteTableValidatorTests
{
    [Fact]
    public void Validate_EmptyPools_IsAllowedAndMeansNoRoutes()
    {
        var (pools, error) = RouteTableValidator.Validate(new RouteTableRequest([]));

        error.ShouldBeNull();
        pools.ShouldBeEmpty();
    }

    [Fact]
    public void Validate_TrailingSlashes_AreNormalised()
    {
        var (pools, _) = RouteTableValidator.Validate(new RouteTableRequest([new PoolRouteRequest("1.0.0", 100, ["http://127.0.0.1:5101/"])]));

        pools!.Single().Destinations.ShouldBe(["http://127.0.0.1:5101"]);
    }

    [Fact]
    public void Validate_MissingWeight_NamesThePool()
    {
        var (pools, error) = RouteTableValidator.Validate(new RouteTableRequest([new PoolRouteRequest("1.0.0", null, ["http://127.0.0.1:5101"])]));

        pools.ShouldBeNull();
        error.ShouldBe("pools[0] (1.0.0): weight is missing; it must be a whole number from 0 to 100.");
    }
}
