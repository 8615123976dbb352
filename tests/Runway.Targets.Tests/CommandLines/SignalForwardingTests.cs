using Runway.Targets.Tests.Support;
using Shouldly;
using Xunit;

namespace Runway.Targets.Tests.CommandLines;

/// <summary>
/// Both bootstrap scripts pass a signal sent to the script's own process on to the build (build.sh and build.ps1 exec
/// it). One throwaway bootstrap copy for the class, whose tiny build says its pid, waits for SIGTERM or SIGINT, says which
/// came and exits 42: built once (the scripts hash alike), so each test only starts and signals it.
/// </summary>
[Collection(BuildScriptCollection.Name)]
public sealed class SignalForwardingTests(WaitingBuildRoot root) : IClassFixture<WaitingBuildRoot>
{
    public static IEnumerable<object[]> ScriptsAndSignals =>
        from script in BuildScript.Available() from signal in (string[])["TERM", "INT"] select new object[] { script[0], signal };

    /// <summary>
    /// A CI runner's cancel, or <c>kill</c>, signals the script's process alone. build.sh execs the build, so the build
    /// gets it; build.ps1 used to keep the build as a child that never heard of it (SIGTERM: still running; SIGINT: the
    /// script waited for it forever). build.ps1 runs under PowerShell itself here (as a packaged pwsh, or Actions'
    /// <c>shell: pwsh</c>); the .NET tool's launcher in front of it is the next test's.
    /// </summary>
    [Theory]
    [MemberData(nameof(ScriptsAndSignals))]
    public async Task SignalToTheScriptAlone_ReachesTheBuild_AndTheScriptExitsWithTheBuildsCode(string script, string signal)
    {
        using var run = ScriptProcess.Start(root.Path, script, script == "build.ps1" ? BuildScript.PowerShellItself() : null);

        var ended = await SignalAndWaitAsync(run, run.Id, signal);

        ended.StandardOutput.ShouldContain($"cancelled by SIG{signal}, cleaned up", customMessage: ended.Output);
        ended.ExitCode.ShouldBe(42, ended.Output);
    }

    /// <summary>
    /// PowerShell installed as a .NET global tool (as CI installs it) runs behind a launcher process that exits on
    /// SIGTERM without passing it on: its death now sends the build SIGTERM (a parent-death signal set by build.ps1), so
    /// the build still shuts down cleanly. The launcher itself has already exited, killed by the signal.
    /// </summary>
    [Fact]
    public async Task SigtermToThePowerShellToolsLauncher_ReachesTheBuild()
    {
        if (!BuildScript.PowerShellHasALauncher) return; // a packaged pwsh has no launcher: the test above covers it
        using var run = ScriptProcess.Start(root.Path, "build.ps1");

        var ended = await SignalAndWaitAsync(run, run.Id, "TERM");

        ended.StandardOutput.ShouldContain("cancelled by SIGTERM, cleaned up", customMessage: ended.Output);
    }

    // Signals `target` once the build waits; returns when the script and the build have both ended (the build holds the
    // script's output open). A build the signal never reached is killed, so it cannot outlive the test.
    private static async Task<ScriptRun> SignalAndWaitAsync(ScriptProcess run, int target, string signal)
    {
        var build = int.Parse((await run.WaitForLineAsync("waiting as ", TimeSpan.FromMinutes(3)))["waiting as ".Length..]);
        try
        {
            await ScriptProcess.SignalAsync(target, signal);
            var ended = await run.WaitForExitAsync(TimeSpan.FromSeconds(30));
            return ended ?? throw new ShouldAssertException($"not ended 30 s after SIG{signal}:\n{run.StandardOutput}");
        }
        finally
        {
            await ScriptProcess.SignalAsync(build, "KILL");
        }
    }
}

/// <summary>A copy of the bootstrap (scripts, global.json) whose build waits for a signal; deleted after the class.</summary>
public sealed class WaitingBuildRoot : IDisposable
{
    public WaitingBuildRoot()
    {
        foreach (var file in (string[])["build.sh", "build.ps1", "global.json"])
            File.Copy(System.IO.Path.Combine(BuildScript.RepositoryRoot, file), System.IO.Path.Combine(Path, file));
        Directory.CreateDirectory(System.IO.Path.Combine(Path, "build"));
        File.WriteAllText(System.IO.Path.Combine(Path, "build", "_build.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><AssemblyName>_build</AssemblyName></PropertyGroup>
            </Project>
            """);
        File.WriteAllText(System.IO.Path.Combine(Path, "build", "Program.cs"), """
        using System.Runtime.InteropServices;
        using System.Threading.Tasks;
        var received = new TaskCompletionSource<string>();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; received.TrySetResult("SIGTERM"); });
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; received.TrySetResult("SIGINT"); });
        System.Console.WriteLine($"waiting as {System.Environment.ProcessId}");
        var signal = await received.Task.WaitAsync(System.TimeSpan.FromMinutes(2));
        System.Console.WriteLine($"cancelled by {signal}, cleaned up");
        return 42;
        """);
    }

    public string Path { get; } = Directory.CreateTempSubdirectory("runway-signals-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
