using System.Net;
using Runway.Router.Tests.Support;
using Shouldly;
using Xunit;

namespace Runway.Router.Tests.State;

public sealed class RestartTests
{
    [Fact]
    public async Task Restart_LoadsTheStateFile_KeepsRoutesAndGeneration()
    {
        using var files = RouterFiles.Create();
        await using var stable = await Backend.StartAsync("1.0.0");
        await using var canary = await Backend.StartAsync("1.1.0");
        string before;
        await using (var first = await RouterProcess.StartAsync(files))
        {
            (await first.PutRoutesAsync(Tables.Of((stable, 100), (canary, 0)))).EnsureSuccessStatusCode();
            (await first.PutRoutesAsync(Tables.Of((stable, 0), (canary, 100)))).EnsureSuccessStatusCode();
            before = (await first.GetRoutesAsync()).GetRawText();
        }

        await using var second = await RouterProcess.StartAsync(files);

        (await second.GetRoutesAsync()).GetRawText().ShouldBe(before);
        (await second.GetRoutesAsync()).GetProperty("generation").GetInt64().ShouldBe(2);
        (await second.Traffic.GetStringAsync("/")).ShouldBe("1.1.0");
        Directory.GetFiles(Path.GetDirectoryName(files.StateFile)!).ShouldBe([files.StateFile], "no temporary file is left behind");
    }

    [Fact]
    public async Task Start_WithCorruptStateFile_RefusesWithMessage()
    {
        using var files = RouterFiles.Create();
        Directory.CreateDirectory(Path.GetDirectoryName(files.StateFile)!);
        await File.WriteAllTextAsync(files.StateFile, "{\"generation\":3,\"pools\":[{\"release\":\"a\",\"weight\":40,\"destinations\":[\"http://127.0.0.1:1\"]}]}");
        await using var router = RouterProcess.Launch(files);

        await router.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        router.Process.ExitCode.ShouldBe(2);
        router.Output.ShouldContain("sum to 40");
        router.Output.ShouldContain(files.StateFile);
    }
}
