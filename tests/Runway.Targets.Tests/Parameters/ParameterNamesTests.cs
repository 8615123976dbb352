using Runway.Targets.Parameters;
using Shouldly;
using Xunit;

namespace Runway.Targets.Tests.Parameters;

public sealed class ParameterNamesTests
{
    [Theory]
    [InlineData("BakeTime", "bake-time", "RUNWAY_BAKE_TIME", "BakeTime")]
    [InlineData("_bakeTime", "bake-time", "RUNWAY_BAKE_TIME", "BakeTime")]
    [InlineData("bakeTime", "bake-time", "RUNWAY_BAKE_TIME", "BakeTime")]
    [InlineData("HTTPPort", "http-port", "RUNWAY_HTTP_PORT", "HTTPPort")]
    [InlineData("Rollout50Weight", "rollout50-weight", "RUNWAY_ROLLOUT50_WEIGHT", "Rollout50Weight")]
    [InlineData("GitHubToken", "git-hub-token", "RUNWAY_GIT_HUB_TOKEN", "GitHubToken")]
    [InlineData("Version", "version", "RUNWAY_VERSION", "Version")]
    public void Names_MemberName_DerivesEveryForm(string member, string kebab, string environment, string pascal)
    {
        ParameterNames.Kebab(member).ShouldBe(kebab);
        ParameterNames.Environment(member).ShouldBe(environment);
        ParameterNames.Pascal(member).ShouldBe(pascal);
    }
}
