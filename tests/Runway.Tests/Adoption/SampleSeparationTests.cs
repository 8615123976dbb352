using System.Text.Json.Nodes;
using Runway.Service.Init;
using Runway.Testing;
using Shouldly;
using Xunit;

namespace Runway.Tests.Adoption;

/// <summary>
/// Issue 12 item 8: the sample's values live only where the sample uses them. A bare <c>./build.sh Deploy</c> in this
/// repository deploys the sample (profile local); every other profile, and a repository <c>Init</c> set up, stands on a
/// neutral base and inherits nothing of the sample (the issue found production inheriting its version and variables).
/// </summary>
public sealed class SampleSeparationTests : IDisposable
{
    // What only the sample has: its environment variables, its API, its project and the folder of its own files.
    private static readonly string[] SampleMarkers = ["Sample__", "ConnectionStrings__Sample", "/api/orchestrations", "X-Release", "Runway.Sample", "samples/"];

    private static readonly string[] FileInputs = ["ChecklistFile", "ServiceFile", "SmokeFile"];

    private readonly string _root = Directory.CreateTempSubdirectory("runway-adoption-").FullName;

    [Fact]
    public void NoProfile_BindsTheSampleFromTheLocalProfile_AndEveryFileItNamesExists()
    {
        var binding = ProfileBinding.Bind(RepositoryRoot.Path);

        binding.Value("Version").ShouldBe("1.0.0");
        binding.Origin("Version").ShouldBe("Version in .nuke/parameters.local.json");
        ((string[])binding.Value("RequiredEnvironmentVariables")!).ShouldContain("ConnectionStrings__Sample");
        foreach (var input in FileInputs.Append("ServiceProject"))
            File.Exists(Path.Combine(RepositoryRoot.Path, (string)binding.Value(input)!)).ShouldBeTrue($"{input} is {binding.Value(input)} ({binding.Origin(input) ?? "the default"})");
        var migrations = Path.Combine(RepositoryRoot.Path, (string)binding.Value("MigrationsDirectory")!);
        File.Exists(Path.Combine(migrations, "V1__create_orchestrations.sql")).ShouldBeTrue($"the sample's migrations in {migrations}");
    }

    [Fact]
    public void TheProductionProfile_InheritsNothingOfTheSample()
    {
        var binding = ProfileBinding.Bind(RepositoryRoot.Path, "--profile", "production");

        binding.Value("Version").ShouldBeNull($"production's version came from {binding.Origin("Version")}");
        ((string[])binding.Value("RequiredEnvironmentVariables")!).ShouldBeEmpty();
        BaseOrigins(binding).ShouldBeEmpty("the base parameters.json is neutral: it sets nothing every profile would inherit");
    }

    [Fact]
    public void TheExampleProfile_InheritsNothingOfTheSample_AndItsFilesExist()
    {
        Directory.CreateDirectory(Path.Combine(_root, ".nuke"));
        File.Copy(Path.Combine(RepositoryRoot.Path, ".nuke", "parameters.json"), Path.Combine(_root, ".nuke", "parameters.json"));
        File.Copy(Path.Combine(RepositoryRoot.Path, "deploy", "examples", "haproxy-prometheus", "parameters.haproxy-prometheus.json"),
            Path.Combine(_root, ".nuke", "parameters.haproxy-prometheus.json"));

        var binding = ProfileBinding.Bind(_root, "--profile", "haproxy-prometheus");

        binding.Value("Version").ShouldBeNull($"the example's version came from {binding.Origin("Version")}");
        BaseOrigins(binding).ShouldBeEmpty();
        foreach (var input in FileInputs)
            File.Exists(Path.Combine(RepositoryRoot.Path, (string)binding.Value(input)!)).ShouldBeTrue($"{input} is {binding.Value(input)} in this repository");
        Directory.Exists(Path.Combine(RepositoryRoot.Path, (string)binding.Value("MigrationsDirectory")!)).ShouldBeTrue();
    }

    [Fact]
    public void TheGatedProfile_IsTheLocalProfileWithTheGatesEnforced()
    {
        var local = Profile("local");
        var gated = Profile("gated");

        gated["WaiveSignOffs"].ShouldBeNull();
        local["WaiveSignOffs"]!.GetValue<string>().ShouldNotBeEmpty();
        foreach (var key in new[] { "WaiveSignOffs", "$comment" })
        {
            local.Remove(key);
            gated.Remove(key);
        }
        gated.ToJsonString().ShouldBe(local.ToJsonString(), "keep parameters.gated.json in step with parameters.local.json");
    }

    [Theory]
    [InlineData("local", "local")]
    [InlineData("commands", "production")]
    [InlineData("haproxy-prometheus", "production")]
    public void AnInitedRepository_BindsItsProfile_WithNothingOfTheSample(string kind, string profile)
    {
        var files = RepositoryInit.Write(_root, kind, profile);

        var binding = ProfileBinding.Bind(_root, "--profile", profile);

        binding.Value("Version").ShouldBeNull();
        ((string[])binding.Value("RequiredEnvironmentVariables")!).ShouldBeEmpty();
        foreach (var input in FileInputs)
            File.Exists(Path.Combine(_root, (string)binding.Value(input)!)).ShouldBeTrue($"{input} is {binding.Value(input)}: Init writes it");
        Directory.Exists(Path.Combine(_root, (string)binding.Value("MigrationsDirectory")!)).ShouldBeTrue();
        foreach (var file in files)
        {
            var text = File.ReadAllText(Path.Combine(_root, file));
            foreach (var marker in SampleMarkers) text.ShouldNotContain(marker, Case.Sensitive, $"{file} carries the sample's {marker}");
        }
    }

    [Fact]
    public void AnInitedLocalRepository_WithNoProfileNamed_RunsItsLocalProfile()
    {
        RepositoryInit.Write(_root, "local", "local");

        var binding = ProfileBinding.Bind(_root);

        binding.Origin("ServiceProject").ShouldBe("ServiceProject in .nuke/parameters.local.json");
    }

    private static List<string> BaseOrigins((Build, Runway.Targets.Parameters.BoundParameters Bound) binding) =>
        (binding.Bound.Origins ?? new Dictionary<string, string>()).Values.Where(o => o.EndsWith(" in .nuke/parameters.json", StringComparison.Ordinal)).ToList();

    private static JsonObject Profile(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, ".nuke", $"parameters.{name}.json")))!.AsObject();

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
