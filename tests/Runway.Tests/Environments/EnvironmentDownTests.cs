using Runway.Tests.EndToEnd.Support;
using Shouldly;
using Xunit;

namespace Runway.Tests.Environments;

/// <summary><c>Down</c> through <c>build.sh</c>: it stops what Runway started and starts nothing to do so.</summary>
[Collection(EndToEndCollections.FaultsAndData)]
public sealed class EnvironmentDownTests
{
    [Fact]
    public async Task Down_LocalClusterNeverStarted_CreatesNoClusterAndSaysThereIsNothingToStop()
    {
        await using var repository = await AdoptingRepository.CreateAsync("down-nothing");

        var down = await repository.RunAsync("Down");

        down.ShouldSucceed("Down on an environment that never ran");
        Directory.Exists(Path.Combine(repository.TemporaryDirectory, "postgres")).ShouldBeFalse($"Down initialised a PostgreSQL cluster just to stop it:\n{down.Output}");
        down.ShouldSay("already stopped", "Down says the cluster was not running");
    }
}
