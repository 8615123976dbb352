using System.Diagnostics;
using Runway.Targets.Tests.Support;
using Shouldly;
using Xunit;

namespace Runway.Targets.Tests.CommandLines;

/// <summary>
/// Issue 14 rule 7: build.ps1 behaves as build.sh. Each test runs the real scripts in a throwaway copy of the
/// repository's bootstrap (the scripts, global.json and a tiny build project), so rebuilds never touch the checkout.
/// </summary>
[Collection(BuildScriptCollection.Name)]
public sealed class BootstrapScriptTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("runway-bootstrap-").FullName;

    public BootstrapScriptTests()
    {
        foreach (var file in (string[])["build.sh", "build.ps1", "global.json"])
        {
            File.Copy(Path.Combine(BuildScript.RepositoryRoot, file), Path.Combine(_root, file));
        }

        Directory.CreateDirectory(Path.Combine(_root, "build"));
        Write("build/_build.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><AssemblyName>_build</AssemblyName></PropertyGroup>
            </Project>
            """);
        Write("build/Program.cs", """System.Console.WriteLine("args: " + string.Join("|", args)); return args.Length > 0 && args[0] == "fail" ? 3 : 0;""");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    public static IEnumerable<object[]> Scripts => BuildScript.Available();

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task Run_PassesArgumentsAndTheExitCodeThrough(string script)
    {
        var run = await RunAsync(script, [], "fail", "two words", "--x=1");

        run.ExitCode.ShouldBe(3, run.Output);
        run.StandardOutput.ShouldContain("args: fail|two words|--x=1");
    }

    [Fact]
    public async Task ContentHash_IsTheSameForBothScripts_SoSwitchingDoesNotRebuild()
    {
        if (BuildScript.Available().Count() < 2) return; // CI installs PowerShell; without it there is nothing to compare
        (await RunAsync("build.sh", [])).ExitCode.ShouldBe(0);
        var hash = File.ReadAllText(HashFile).Trim();
        File.SetLastWriteTimeUtc(Path.Combine(_root, "build", "Program.cs"), DateTime.UtcNow.AddSeconds(5)); // newer, same content

        var run = await RunAsync("build.ps1", []);

        run.ExitCode.ShouldBe(0, run.Output);
        run.StandardError.ShouldNotContain("inputs changed");
        File.ReadAllText(HashFile).Trim().ShouldBe(hash);
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task DeletedInputFile_IsNoticed_AndABrokenBuildFailsInsteadOfRunningTheOldOne(string script)
    {
        Write("build/Greeting.cs", "static class Greeting { public const string Text = \"hi\"; }");
        Write("build/Program.cs", """System.Console.WriteLine(Greeting.Text); return 0;""");
        (await RunAsync(script, [])).ExitCode.ShouldBe(0);
        await Task.Delay(1100); // file systems with one-second timestamps
        File.Delete(Path.Combine(_root, "build", "Greeting.cs"));

        var run = await RunAsync(script, []);

        run.ExitCode.ShouldNotBe(0, run.Output);
        run.StandardError.ShouldContain("building build/_build.csproj failed");
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task DotnetExePointingAtAFolder_FailsWithAClearMessage(string script)
    {
        var run = await RunAsync(script, new() { ["DOTNET_EXE"] = _root });

        run.ExitCode.ShouldBe(1, run.Output);
        run.StandardError.ShouldContain($"DOTNET_EXE={_root} is");
        run.StandardError.ShouldContain("not an executable");
    }

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
        WriteWaitingBuild();
        using var run = ScriptProcess.Start(_root, script, script == "build.ps1" ? BuildScript.PowerShellItself() : null);

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
        WriteWaitingBuild();
        using var run = ScriptProcess.Start(_root, "build.ps1");

        var ended = await SignalAndWaitAsync(run, run.Id, "TERM");

        ended.StandardOutput.ShouldContain("cancelled by SIGTERM, cleaned up", customMessage: ended.Output);
    }

    // The build says its pid, waits for SIGTERM or SIGINT, and says which came.
    private void WriteWaitingBuild() => Write("build/Program.cs", """
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

    private string HashFile => Path.Combine(_root, ".nuke", "temp", "build.hash");

    private void Write(string path, string content) => File.WriteAllText(Path.Combine(_root, path), content);

    private Task<ScriptRun> RunAsync(string script, Dictionary<string, string> environment, params string[] arguments) =>
        BuildScript.RunFromAsync(_root, script, environment, arguments);
}

/// <summary>Script tests share build outputs and a 2-core machine: one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class BuildScriptCollection
{
    public const string Name = "Build scripts";
}
