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
