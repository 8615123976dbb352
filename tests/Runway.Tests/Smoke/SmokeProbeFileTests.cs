using Runway.Smoke;
using Shouldly;
using Xunit;

namespace Runway.Tests.Smoke;

public sealed class SmokeProbeFileTests
{
    [Fact]
    public void Load_DefaultProbes_CoverTheChecklistChecks()
    {
        var probes = SmokeProbeFile.Load(DefaultProbesPath());

        probes.Select(p => p.Proves).ShouldBe(["smoke-passed", "smoke-passed", "smoke-passed", "auth-required", "metrics-series", "rate-limit-429"]);
        probes.Single(p => p.Proves == "auth-required").ExpectedStatus.ShouldBe(401);
        probes.Single(p => p.Proves == "rate-limit-429").Burst.ShouldNotBeNull();
        probes.Single(p => p.Name == "list-orchestrations").NeedsToken.ShouldBeTrue();
    }

    [Fact]
    public void Parse_BrokenJson_NamesTheFileAndTheFix()
    {
        var error = Should.Throw<SmokeProbeFileException>(() => SmokeProbeFile.Parse("{\"probes\": [ {\"name\": \"x\" ", "deploy/smoke.json"));

        error.Message.ShouldContain("deploy/smoke.json");
        error.Message.ShouldContain("Fix the JSON");
    }

    [Fact]
    public void Parse_ProbeWithoutPath_NamesTheProbeAndTheFix()
    {
        var error = Should.Throw<SmokeProbeFileException>(() => SmokeProbeFile.Parse("""{"probes": [{"name": "ready"}]}""", "smoke.json"));

        error.Message.ShouldBe("smoke.json: probe #1 'ready' needs a path starting with '/', e.g. \"path\": \"/health/ready\".");
    }

    [Fact]
    public void Parse_MisspelledField_IsRejectedNamingIt()
    {
        var error = Should.Throw<SmokeProbeFileException>(() => SmokeProbeFile.Parse("""{"probes": [{"name": "ready", "path": "/", "expectedStatuss": 200}]}""", "smoke.json"));

        error.Message.ShouldContain("expectedStatuss");
    }

    [Theory]
    [InlineData("""{"name": "a", "path": "/", "expectedStatus": 999}""", "expectedStatus 999")]
    [InlineData("""{"name": "a", "path": "/", "method": "get"}""", "method 'get'")]
    [InlineData("""{"name": "a", "path": "/", "burst": {"requests": 5, "concurrency": 10}}""", "burst.concurrency 10")]
    [InlineData("""{"path": "/"}""", "has no name")]
    public void Parse_InvalidProbe_SaysWhatIsWrong(string probe, string expected)
    {
        var error = Should.Throw<SmokeProbeFileException>(() => SmokeProbeFile.Parse($$"""{"probes": [{{probe}}]}""", "smoke.json"));

        error.Message.ShouldContain(expected);
    }

    [Fact]
    public void Load_MissingFile_SaysSo()
    {
        Should.Throw<SmokeProbeFileException>(() => SmokeProbeFile.Load("no-such-smoke.json")).Message.ShouldContain("does not exist");
    }

    internal static string DefaultProbesPath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "samples", "deploy", "smoke.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("samples/deploy/smoke.json not found above the test directory.");
    }
}
