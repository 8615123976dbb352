using System.Net;
using Runway.Router.Tests.Support;
using Shouldly;
using Xunit;

namespace Runway.Router.Tests.State;

public sealed class StateFileFailureTests
{
    [Fact]
    public async Task PutRoutes_StateFileUnwritable_Returns500AndKeepsTheOldTable()
    {
        using var files = RouterFiles.Create();
        await using var backend = await Backend.StartAsync("1.0.0");
        await using var router = await RouterProcess.StartAsync(files);
        (await router.PutRoutesAsync(Tables.Of((backend, 100)))).EnsureSuccessStatusCode();
        var stateDirectory = Path.GetDirectoryName(files.StateFile)!;
        Directory.Delete(stateDirectory, recursive: true);
        await File.WriteAllTextAsync(stateDirectory, "a file where the state directory should be");

        using var response = await router.PutRoutesAsync(new { pools = Array.Empty<object>() });

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        (await response.Content.ReadAsStringAsync()).ShouldContain("the table in force is unchanged");
        (await router.GetRoutesAsync()).GetProperty("generation").GetInt64().ShouldBe(1);
        (await router.Traffic.GetStringAsync("/")).ShouldBe("1.0.0");
    }
}
