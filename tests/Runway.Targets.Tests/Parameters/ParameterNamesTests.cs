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
    [InlineData("GitHubToken", "github-token", "RUNWAY_GITHUB_TOKEN", "GitHubToken")]
    [InlineData("NuGetApiKey", "nuget-api-key", "RUNWAY_NUGET_API_KEY", "NuGetApiKey")]
    [InlineData("MSBuildPath", "msbuild-path", "RUNWAY_MSBUILD_PATH", "MSBuildPath")]
    [InlineData("DotNetVerbosity", "dotnet-verbosity", "RUNWAY_DOTNET_VERBOSITY", "DotNetVerbosity")]
    [InlineData("GithubToken", "github-token", "RUNWAY_GITHUB_TOKEN", "GithubToken")]
    [InlineData("Version", "version", "RUNWAY_VERSION", "Version")]
    public void Names_MemberName_DerivesEveryForm(string member, string kebab, string environment, string pascal)
    {
        ParameterNames.Kebab(member).ShouldBe(kebab);
        ParameterNames.Environment(member).ShouldBe(environment);
        ParameterNames.Pascal(member).ShouldBe(pascal);
    }
}
