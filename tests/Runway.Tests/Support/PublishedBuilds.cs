using Runway.Environments.Local;
using Runway.Testing;
using Serilog.Core;

namespace Runway.Tests.Support;

/// <summary>
/// The sample's and the router's <c>dotnet publish</c> output, built once per test run by the product's own
/// <see cref="ReleasePublisher"/> and laid into each new state folder's build cache (<c>releases/_builds</c>,
/// <c>router/_builds</c>), as a runner that had published these sources before would have it. Every test still makes
/// its releases from that cache the product's way (copy, manifest, digest); only the compile is shared. Two publishes
/// per repository were about 10 s of every story on two cores, and the stories run one after another.
/// </summary>
internal static class PublishedBuilds
{
    private static readonly string SampleProject = Path.Combine(RepositoryRoot.Path, "src", "Runway.Sample", "Runway.Sample.csproj");
    private static readonly string RouterProject = Path.Combine(RepositoryRoot.Path, "src", "Runway.Router", "Runway.Router.csproj");

    // One folder per test process: two test runs at once must not publish into the same folder.
    private const string Prefix = "runway-test-builds-";
    private static readonly string Cache = Path.Combine(Path.GetTempPath(), Prefix + Environment.ProcessId);
    private static readonly Lazy<Task> Built = new(BuildAsync);

    static PublishedBuilds()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Delete(Cache);
        // A test host that was stopped hard never ran ProcessExit: its folder goes when the next run starts.
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), Prefix + "*"))
            if (int.TryParse(Path.GetFileName(folder)[Prefix.Length..], out var processId) && !IsRunning(processId))
                Delete(folder);
    }

    /// <summary>
    /// Copies the published builds into <paramref name="stateDirectory"/>'s <c>releases</c> and <c>router</c> build
    /// caches, except into those <paramref name="linked"/> to another repository's (a clone's shared entries).
    /// </summary>
    public static async Task SeedAsync(string stateDirectory, params string[] linked)
    {
        await Built.Value;
        foreach (var folder in new[] { "releases", "router" }.Except(linked))
            Copy(Path.Combine(Cache, folder, "_builds"), Path.Combine(stateDirectory, folder, "_builds"));
    }

    private static Task BuildAsync() => Task.WhenAll(
        new ReleasePublisher(SampleProject, Path.Combine(Cache, "releases"), Logger.None).PublishCurrentAsync("Runway.Sample.dll", CancellationToken.None),
        new ReleasePublisher(RouterProject, Path.Combine(Cache, "router"), Logger.None).PublishCurrentAsync("Runway.Router.dll", CancellationToken.None));

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        foreach (var folder in Directory.GetDirectories(from))
            Copy(folder, Path.Combine(to, Path.GetFileName(folder)));
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void Delete(string folder)
    {
        try { Directory.Delete(folder, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
