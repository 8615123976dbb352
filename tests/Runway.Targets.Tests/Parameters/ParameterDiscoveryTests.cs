using Runway.Targets.Parameters;
using Shouldly;
using Xunit;

namespace Runway.Targets.Tests.Parameters;

public sealed class ParameterDiscoveryTests
{
    private static ParameterDescriptor Find(string cliName) =>
        ParameterDiscovery.Discover(typeof(SampleBuild), new SampleBuild()).Single(p => p.CliName == cliName);

    [Fact]
    public void Discover_SampleBuild_FindsFieldsPropertiesPrivateAndBaseMembersInNameOrder()
    {
        var names = ParameterDiscovery.Discover(typeof(SampleBuild), new SampleBuild()).Select(p => p.CliName).ToList();

        names.ShouldContain("region");
        names.ShouldContain("auto-approve");
        names.ShouldContain("target-environment");
        names.Count.ShouldBe(19);
        names.ShouldBe(names.Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void Discover_Field_DescribesNamesTypeDescriptionAndDefault()
    {
        var bakeTime = Find("bake-time");

        bakeTime.MemberName.ShouldBe("BakeTime");
        bakeTime.EnvironmentName.ShouldBe("RUNWAY_BAKE_TIME");
        bakeTime.JsonName.ShouldBe("BakeTime");
        bakeTime.Type.ShouldBe(typeof(TimeSpan));
        bakeTime.Description.ShouldBe("How long the canary bakes");
        bakeTime.DefaultValue.ShouldBe(TimeSpan.FromMinutes(5));
        bakeTime.IsSecret.ShouldBeFalse();
    }

    [Fact]
    public void Discover_NameOverride_DerivesNamesFromTheOverride()
    {
        var environment = Find("target-environment");

        environment.MemberName.ShouldBe("_environment");
        environment.EnvironmentName.ShouldBe("RUNWAY_TARGET_ENVIRONMENT");
        environment.JsonName.ShouldBe("TargetEnvironment");
        environment.DefaultValue.ShouldBe("local");
    }

    [Fact]
    public void Discover_EnumAndEnumArray_ListAllowedValues()
    {
        Find("strategy").AllowedValues.ShouldBe(["Canary", "BlueGreen", "AllAtOnce"]);
        Find("fallbacks").AllowedValues.ShouldBe(["Canary", "BlueGreen", "AllAtOnce"]);
        Find("replicas").AllowedValues.ShouldBeEmpty();
    }

    [Fact]
    public void Discover_SecretMember_IsMarkedSecretAndHidesDefaultFromToString()
    {
        var token = Find("github-token");

        token.IsSecret.ShouldBeTrue();
        token.ToString().ShouldBe("--github-token (String)");
    }

    [Fact]
    public void GetValue_BuildInstance_ReadsTheMember()
    {
        var build = new SampleBuild { Version = "2.4.0" };

        Find("version").GetValue(build).ShouldBe("2.4.0");
    }

    private sealed class UnsupportedBuild
    {
        [Parameter("A URI is not supported")]
        public Uri? Endpoint { get; set; }
    }

    [Fact]
    public void Discover_UnsupportedType_FailsNamingMemberAndSupportedTypes()
    {
        var error = Should.Throw<ParameterException>(() => ParameterDiscovery.Discover(typeof(UnsupportedBuild), new UnsupportedBuild()));

        error.Message.ShouldContain("UnsupportedBuild.Endpoint");
        error.Message.ShouldContain("TimeSpan");
    }

    private sealed class GetterOnlyBuild
    {
        [Parameter("No setter")]
        public string Name => "fixed";
    }

    [Fact]
    public void Discover_PropertyWithoutSetter_Fails()
    {
        var error = Should.Throw<ParameterException>(() => ParameterDiscovery.Discover(typeof(GetterOnlyBuild), new GetterOnlyBuild()));

        error.Message.ShouldContain("needs both a getter and a setter");
    }

    private sealed class StaticBuild
    {
        [Parameter("Static parameters cannot be bound per build")]
        public static string? Shared { get; set; }
    }

    [Fact]
    public void Discover_StaticMember_Fails()
    {
        var error = Should.Throw<ParameterException>(() => ParameterDiscovery.Discover(typeof(StaticBuild), new StaticBuild()));

        error.Message.ShouldContain("StaticBuild.Shared is static");
    }

    private sealed class InitOnlyBuild
    {
        [Parameter("Set once")]
        public string Release { get; init; } = "1.0.0";
    }

    [Fact]
    public void Bind_InitOnlyProperty_IsSet()
    {
        var build = new InitOnlyBuild();
        var binder = new ParameterBinder(Path.GetTempPath(), new Dictionary<string, string>(), new HashSet<string>());

        binder.Bind(build, CommandLine.Parse(["--release", "2.0.0"]));

        build.Release.ShouldBe("2.0.0");
    }

    private sealed class DuplicateBuild
    {
        [Parameter("One")]
        public string? ReleaseVersion { get; set; }

        [Parameter("Two", Name = "ReleaseVersion")]
        public string? Other { get; set; }
    }

    [Fact]
    public void Discover_TwoMembersWithOneName_Fails()
    {
        var error = Should.Throw<ParameterException>(() => ParameterDiscovery.Discover(typeof(DuplicateBuild), new DuplicateBuild()));

        error.Message.ShouldContain("--release-version");
    }
}
