using Runway.Targets.Parameters;
using Shouldly;
using Xunit;

namespace Runway.Targets.Tests.Parameters;

public sealed class ParameterSourceTests : IDisposable
{
    private readonly TempRoot _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Bind_NoSource_KeepsInitialiserAndReportsDefault()
    {
        var (build, bound) = Binding.Bind(_root, []);

        build.BakeTime.ShouldBe(TimeSpan.FromMinutes(5));
        build.EnvironmentValue.ShouldBe("local");
        bound.Sources["BakeTime"].ShouldBe(ParameterSource.Default);
        bound.Parameters.Count.ShouldBe(19);
    }

    [Fact]
    public void Bind_ParametersFile_SetsValue()
    {
        _root.WithParameters("""{ "$schema": "./build.schema.json", "Version": "1.0.0" }""");

        var (build, bound) = Binding.Bind(_root, []);

        build.Version.ShouldBe("1.0.0");
        bound.Sources["Version"].ShouldBe(ParameterSource.ParametersFile);
    }

    [Fact]
    public void Bind_Profile_OverridesParametersFile()
    {
        _root.WithParameters("""{ "Version": "1.0.0", "Replicas": 3 }""")
            .WithParameters("""{ "Version": "2.0.0" }""", "production");

        var (build, bound) = Binding.Bind(_root, ["--profile", "production"]);

        build.Version.ShouldBe("2.0.0");
        build.Replicas.ShouldBe(3);
        bound.Sources["Version"].ShouldBe(ParameterSource.ProfileFile);
        bound.Sources["Replicas"].ShouldBe(ParameterSource.ParametersFile);
    }

    [Fact]
    public void Bind_SeveralProfiles_LaterProfileWins()
    {
        _root.WithParameters("""{ "Version": "eu", "Replicas": 4 }""", "eu")
            .WithParameters("""{ "Version": "production" }""", "production");

        var (build, _) = Binding.Bind(_root, ["--profile", "eu", "production"]);

        build.Version.ShouldBe("production");
        build.Replicas.ShouldBe(4);
    }

    [Fact]
    public void Bind_Environment_OverridesProfile()
    {
        _root.WithParameters("""{ "Version": "2.0.0" }""", "production");

        var (build, bound) = Binding.Bind(_root, ["--profile", "production"], new() { ["RUNWAY_VERSION"] = "3.0.0" });

        build.Version.ShouldBe("3.0.0");
        bound.Sources["Version"].ShouldBe(ParameterSource.Environment);
    }

    [Fact]
    public void Bind_CommandLine_OverridesEveryOtherSource()
    {
        _root.WithParameters("""{ "Version": "1.0.0" }""").WithParameters("""{ "Version": "2.0.0" }""", "production");

        var (build, bound) = Binding.Bind(
            _root, ["Deploy", "--profile", "production", "--version", "4.0.0"], new() { ["RUNWAY_VERSION"] = "3.0.0" });

        build.Version.ShouldBe("4.0.0");
        bound.Sources["Version"].ShouldBe(ParameterSource.CommandLine);
    }

    [Fact]
    public void Bind_UnprefixedEnvironmentVariables_AreIgnored()
    {
        var environment = new Dictionary<string, string>
        {
            ["VERSION"] = "9.9.9",
            ["TARGET_ENVIRONMENT"] = "production",
            ["ENVIRONMENT"] = "production",
            ["REPLICAS"] = "50",
            ["Version"] = "9.9.9",
        };

        var (build, bound) = Binding.Bind(_root, [], environment);

        build.Version.ShouldBeNull();
        build.EnvironmentValue.ShouldBe("local");
        build.Replicas.ShouldBe(2);
        bound.Sources.Values.ShouldAllBe(source => source == ParameterSource.Default);
    }

    [Fact]
    public void Bind_EmptyEnvironmentVariable_CountsAsUnset()
    {
        _root.WithParameters("""{ "Version": "1.0.0" }""");

        var (build, _) = Binding.Bind(_root, [], new() { ["RUNWAY_VERSION"] = "" });

        build.Version.ShouldBe("1.0.0");
    }

    [Fact]
    public void Bind_NameOverrideAndBaseClassMember_BindUnderTheirNames()
    {
        var (build, bound) = Binding.Bind(
            _root, ["--target-environment", "staging"], new() { ["RUNWAY_REGION"] = "us-east-1" });

        build.EnvironmentValue.ShouldBe("staging");
        build.RegionValue.ShouldBe("us-east-1");
        bound.Sources["_environment"].ShouldBe(ParameterSource.CommandLine);
    }

    [Fact]
    public void Bind_PropertyWithPrivateSetter_IsSet()
    {
        var (build, _) = Binding.Bind(_root, ["--auto-approve"]);

        build.AutoApprove.ShouldBeTrue();
    }

    [Fact]
    public void Bind_MissingProfile_FailsListingExistingProfiles()
    {
        _root.WithParameters("{}", "production").WithParameters("{}", "staging");

        var error = Binding.Fails(_root, ["--profile", "prodution"]);

        error.Message.ShouldContain("Profile 'prodution'");
        error.Message.ShouldContain(".nuke/parameters.prodution.json");
        error.Message.ShouldContain("Existing profiles: production, staging.");
        error.Message.ShouldContain("Did you mean 'production'?");
    }

    [Fact]
    public void Bind_MissingProfileAndNoProfiles_SaysHowToCreateOne()
    {
        var error = Binding.Fails(_root, ["--profile", "production"]);

        error.Message.ShouldContain("No profile files exist; create .nuke/parameters.production.json");
    }

    [Fact]
    public void Bind_ProfileWithoutName_FailsListingProfiles()
    {
        _root.WithParameters("{}", "staging");

        Binding.Fails(_root, ["Deploy", "--profile"]).Message.ShouldBe(
            "--profile needs a profile name, e.g. --profile production. Existing profiles: staging.");
    }

    [Fact]
    public void Bind_EngineOptionsWithoutProfile_StillReadsProfile()
    {
        _root.WithParameters("""{ "Version": "2.0.0" }""", "production");
        var build = new SampleBuild();
        var binder = new ParameterBinder(_root.Path, new Dictionary<string, string>(), new HashSet<string> { "help" });

        binder.Bind(build, CommandLine.Parse(["--profile", "production"]));

        build.Version.ShouldBe("2.0.0");
    }

    [Fact]
    public void Bind_ProfileNameWithPathSeparator_IsRejected()
    {
        _root.WithParameters("""{ "Version": "1.0.0" }""", "production");

        Binding.Fails(_root, ["--profile", "../.nuke/parameters.production"]).Message.ShouldContain("has no file");
    }

    [Fact]
    public void Bind_FailingValue_LeavesBuildUnchanged()
    {
        var build = new SampleBuild();
        var binder = new ParameterBinder(_root.Path, new Dictionary<string, string>(), Binding.EngineOptions);

        Should.Throw<ParameterException>(() => binder.Bind(build, CommandLine.Parse(["--version", "2.0.0", "--replicas", "many"])));

        build.Version.ShouldBeNull();
    }
}
