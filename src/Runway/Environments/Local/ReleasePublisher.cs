using Runway.Processes;
using Serilog;

namespace Runway.Environments.Local;

/// <summary>
/// Makes a runnable folder for a release of a .NET service: the project is published once, and each release gets
/// its own copy under <c>releases/&lt;version&gt;/</c> (the release's identity reaches the service as configuration).
/// </summary>
public sealed class ReleasePublisher(string projectFile, string releasesDirectory, ILogger logger)
{
    private string BuildDirectory => Path.Combine(releasesDirectory, "_published");

    /// <summary>The folder of <paramref name="release"/>, published when missing.</summary>
    public async Task<string> PublishAsync(string release, string assemblyName, CancellationToken cancellationToken)
    {
        var target = Path.Combine(releasesDirectory, release);
        if (File.Exists(Path.Combine(target, assemblyName))) return target;
        if (!File.Exists(Path.Combine(BuildDirectory, assemblyName)))
        {
            logger.Information("Publishing {Project}", Path.GetFileName(projectFile));
            var publish = await ProcessRunner.RunAsync(
                new ProcessSpec("dotnet", ["publish", projectFile, "-c", "Release", "-o", BuildDirectory, "--nologo", "-v", "q"]),
                cancellationToken).ConfigureAwait(false);
            publish.EnsureSuccess();
        }
        logger.Information("Preparing release {Release} in {Directory}", release, target);
        CopyDirectory(BuildDirectory, target + ".tmp");
        if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
        Directory.Move(target + ".tmp", target);
        return target;
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
