using Runway.Targets.Parameters;
using Shouldly;
using Xunit;

namespace Runway.Targets.Tests.Parameters;

/// <summary>
/// A build's default profile: applied over <c>.nuke/parameters.json</c> when <c>--profile</c> names none, replaced by
/// any named profile (so the base stays what every profile inherits), and skipped when its file does not exist.
/// </summary>
public sealed class DefaultProfileTests : IDisposable
{
    private readonly TempRoot _root = new();

    [Fact]
    public void NoProfileNamed_AppliesTheDefaultProfileOverTheBase()
    {
        _root.WithParameters("""{ "Region": "base" }""").WithParameters("""{ "Version": "1.0.0" }""", "local");

        var (build, bound) = Bind([]);

        build.Version.ShouldBe("1.0.0");
        build.Region.ShouldBe("base");
        bound.Origins!["Version"].ShouldBe("Version in .nuke/parameters.local.json");
        bound.Sources["Version"].ShouldBe(ParameterSource.ProfileFile);
    }

    [Fact]
    public void ANamedProfile_ReplacesTheDefault_ItInheritsOnlyTheBase()
    {
        _root.WithParameters("""{ "Region": "base" }""").WithParameters("""{ "Version": "1.0.0" }""", "local")
            .WithParameters("""{ "Region": "eu" }""", "production");

        var (build, _) = Bind(["--profile", "production"]);

        build.Version.ShouldBeNull();
        build.Region.ShouldBe("eu");
    }

    [Fact]
    public void ADefaultProfileWithoutItsFile_LeavesTheBaseAlone()
    {
        _root.WithParameters("""{ "Region": "base" }""");

        var (build, _) = Bind([]);

        build.Region.ShouldBe("base");
        build.Version.ShouldBeNull();
    }

    private (ProfiledBuild Build, BoundParameters Bound) Bind(string[] args)
    {
        var build = new ProfiledBuild();
        return (build, new ParameterBinder(_root.Path, new Dictionary<string, string>(), Binding.EngineOptions).Bind(build, CommandLine.Parse(args)));
    }

    public void Dispose() => _root.Dispose();

    private sealed class ProfiledBuild : BuildBase
    {
        [Parameter("The release")]
        public string? Version { get; private set; }

        [Parameter("The region")]
        public string Region { get; private set; } = "none";

        protected internal override IReadOnlyList<string> DefaultProfiles => ["local"];
    }
}
