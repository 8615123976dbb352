using Runway.Processes;
using Serilog;

namespace Runway.Environments.Local;

/// <summary>
/// Makes a runnable folder for a release of a .NET service, <c>releases/&lt;version&gt;/</c>, published from the
/// service's own sources and described by a <see cref="ReleaseManifest"/> (sources hash, files digest). A build is
/// reused only for unchanged sources; a version already published from other sources is refused, since the same
/// version must never mean different bits.
/// </summary>
public sealed class ReleasePublisher(string projectFile, string releasesDirectory, ILogger logger, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>The manifest of <paramref name="release"/>'s folder, or null when it was never published here.</summary>
    public ReleaseManifest? Describe(string release) => ReleaseManifest.Read(Path.Combine(releasesDirectory, release));

    /// <summary>
    /// The folder of <paramref name="release"/>. With <paramref name="fromCurrentSources"/> (the release being deployed)
    /// it must match this checkout's sources, and is published when missing; without it (a release recorded earlier,
    /// such as the one a rollback returns to) the folder published back then is used as it is.
    /// </summary>
    /// <exception cref="ReleaseConflictException">The version was published from other sources, or its files changed since.</exception>
    public async Task<string> PublishAsync(string release, string assemblyName, bool fromCurrentSources, CancellationToken cancellationToken)
    {
        var target = Path.Combine(releasesDirectory, release);
        if (ReleaseManifest.Read(target) is { } published && File.Exists(Path.Combine(target, assemblyName)))
            return Reuse(target, published, fromCurrentSources ? ReleaseSources.Hash(projectFile) : null);
        var sources = ReleaseSources.Hash(projectFile);
        var build = await BuildAsync(sources, assemblyName, cancellationToken).ConfigureAwait(false);
        logger.Information("Preparing release {Release} from sources sha256:{Sources}", release, sources[..12]);
        CopyDirectory(build, target + ".tmp");
        new ReleaseManifest(release, sources, ReleaseManifest.DigestOf(target + ".tmp"), _time.GetUtcNow()).Write(target + ".tmp");
        if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
        Directory.Move(target + ".tmp", target);
        return target;
    }

    /// <summary>A folder published from the project's current sources, named by their hash (for tools such as the router).</summary>
    public Task<string> PublishCurrentAsync(string assemblyName, CancellationToken cancellationToken) =>
        PublishAsync("sources-" + ReleaseSources.Hash(projectFile)[..16], assemblyName, fromCurrentSources: true, cancellationToken);

    private string Reuse(string target, ReleaseManifest published, string? sources)
    {
        if (sources is not null && sources != published.Sources)
            throw new ReleaseConflictException(
                $"Release {published.Release} was published from other sources (sha256:{published.Sources[..12]}) than this checkout's (sha256:{sources[..12]}): " +
                $"the same version cannot carry different bits. Give this build a new version (--version), or check out the sources of {published.Release}.");
        var digest = ReleaseManifest.DigestOf(target);
        if (digest != published.Digest)
            throw new ReleaseConflictException(
                $"The files of release {published.Release} in {target} changed since they were published (digest sha256:{digest[..12]}, recorded sha256:{published.Digest[..12]}). " +
                $"Delete that folder to publish it again from its sources.");
        return target;
    }

    // One build per sources hash: versions built from the same sources share it, and a change of sources builds anew.
    private async Task<string> BuildAsync(string sources, string assemblyName, CancellationToken cancellationToken)
    {
        var build = Path.Combine(releasesDirectory, "_builds", sources[..16]);
        if (File.Exists(Path.Combine(build, assemblyName))) return build;
        logger.Information("Publishing {Project} from sources sha256:{Sources}", Path.GetFileName(projectFile), sources[..12]);
        foreach (var stale in new[] { build, build + ".tmp" }.Where(Directory.Exists))
            Directory.Delete(stale, recursive: true);
        var publish = await ProcessRunner.RunAsync(
            new ProcessSpec("dotnet", ["publish", projectFile, "-c", "Release", "-o", build + ".tmp", "--nologo", "-v", "q"]),
            cancellationToken).ConfigureAwait(false);
        publish.EnsureSuccess();
        Directory.Move(build + ".tmp", build);
        return build;
    }

    private static void CopyDirectory(string source, string target)
    {
        if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
        foreach (var directory in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(target, Path.GetRelativePath(source, directory)));
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(target, Path.GetRelativePath(source, file)));
    }
}

/// <summary>A release's bits are not what its version was published as.</summary>
public sealed class ReleaseConflictException(string message) : InvalidOperationException(message);
