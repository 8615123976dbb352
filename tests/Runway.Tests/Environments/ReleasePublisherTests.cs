using Runway.Environments.Local;
using Serilog.Core;
using Shouldly;
using Xunit;

namespace Runway.Tests.Environments;

/// <summary>A release is an artifact: published from its own sources, identified by its digest, never two bits for one version.</summary>
public sealed class ReleasePublisherTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("runway-publisher-").FullName;

    private string Project => Path.Combine(_root, "app", "App.csproj");

    private string Releases => Path.Combine(_root, "releases");

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { }
    }

    [Fact]
    public async Task PublishAsync_NextVersionFromChangedSources_RunsItsOwnCodeWithItsOwnDigest()
    {
        WriteProject("first");
        var publisher = new ReleasePublisher(Project, Releases, Logger.None);
        var first = await publisher.PublishAsync("1.0.0", "App.dll", fromCurrentSources: true, CancellationToken.None);
        WriteProject("second");

        var second = await publisher.PublishAsync("1.1.0", "App.dll", fromCurrentSources: true, CancellationToken.None);

        var (one, two) = (publisher.Describe("1.0.0")!, publisher.Describe("1.1.0")!);
        two.Sources.ShouldNotBe(one.Sources, "the sources changed between the two versions");
        two.Digest.ShouldNotBe(one.Digest, "1.1.0 must not be a copy of 1.0.0's files");
        (await File.ReadAllBytesAsync(Path.Combine(second, "App.dll"))).ShouldNotBe(await File.ReadAllBytesAsync(Path.Combine(first, "App.dll")));
        two.Digest.ShouldBe(ReleaseManifest.DigestOf(second), "the recorded digest is the digest of the published files");
    }

    [Fact]
    public async Task PublishAsync_SameVersionFromChangedSources_IsRefused_ButRecordedReleasesStayUsable()
    {
        WriteProject("first");
        var publisher = new ReleasePublisher(Project, Releases, Logger.None);
        await publisher.PublishAsync("1.0.0", "App.dll", fromCurrentSources: true, CancellationToken.None);
        var reused = await publisher.PublishAsync("1.0.0", "App.dll", fromCurrentSources: true, CancellationToken.None);
        WriteProject("changed");

        var error = await Should.ThrowAsync<ReleaseConflictException>(() => publisher.PublishAsync("1.0.0", "App.dll", fromCurrentSources: true, CancellationToken.None));
        var restored = await publisher.PublishAsync("1.0.0", "App.dll", fromCurrentSources: false, CancellationToken.None);

        error.Message.ShouldContain("Release 1.0.0 was published from other sources");
        error.Message.ShouldContain("the same version cannot carry different bits");
        restored.ShouldBe(reused, "a rollback to a recorded release runs the files it was published with");
    }

    private void WriteProject(string marker)
    {
        var folder = Path.GetDirectoryName(Project)!;
        Directory.CreateDirectory(folder);
        File.WriteAllText(Project, """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(folder, "Program.cs"), $"Console.WriteLine(\"{marker}\");\n");
    }
}
