using Runway.Targets.Tests.Support;
using Shouldly;
using Xunit;

namespace Runway.Targets.Tests.Running;

public sealed class SchemaFileTests
{
    private sealed class SchemaBuild : RecordingBuild
    {
        [Parameter("the release to deploy")]
        public string? Release { get; set; }

        public Target Default => _ => _.Executes(Record("Default"));
    }

    [Fact]
    public void Run_WritesTheSchemaOnlyWhenItsContentChanged()
    {
        using var harness = new BuildHarness();
        var path = Path.Combine(harness.Root, ".nuke", "build.schema.json");

        harness.Run(() => new SchemaBuild());
        var written = File.GetLastWriteTimeUtc(path);
        File.SetLastWriteTimeUtc(path, written.AddHours(-1));
        harness.Run(() => new SchemaBuild());

        File.ReadAllText(path).ShouldContain("\"Release\"");
        File.GetLastWriteTimeUtc(path).ShouldBe(written.AddHours(-1));
    }

    [Fact]
    public void Run_FindsTheRootFromTheWorkingDirectory()
    {
        using var harness = new BuildHarness();
        var build = new SchemaBuild();

        harness.Run(() => build);

        build.RootDirectory.ShouldBe(harness.Root);
        build.TemporaryDirectory.ShouldBe(Path.Combine(harness.Root, ".nuke", "temp"));
        build.RunId.ShouldBe("run00001");
        build.IsInteractive.ShouldBeFalse();
    }
}
