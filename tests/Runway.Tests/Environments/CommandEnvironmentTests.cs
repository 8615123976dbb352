using Runway.Environments.Command;
using Runway.Processes;
using Serilog.Core;
using Shouldly;
using Xunit;

namespace Runway.Tests.Environments;

public sealed class CommandEnvironmentTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("runway-command-env-").FullName;
    private readonly List<ProcessResult> _recorded = [];

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // The scripts keep the environment in a file, as a team's scripts would keep it in their platform.
    private Runway.Environments.ComposedEnvironment Environment(string? deployPool = null) => CommandEnvironment.Create(new CommandEnvironmentOptions
    {
        Name = "production",
        WorkingDirectory = _directory,
        DeployPool = deployPool ?? "echo \"$1\" >> pools && echo \"deployed $RUNWAY_RELEASE to $RUNWAY_ENVIRONMENT\"",
        SetWeights = "echo \"$RUNWAY_WEIGHTS\" > weights",
        RemovePool = "grep -v \"^$1$\" pools > pools.new; mv pools.new pools",
        ReadInstances = """
            printf '{"url":"https://example.test","pools":['
            sep=''
            while read -r release; do
              weight=$(tr ',' '\n' < weights 2>/dev/null | grep "^$release=" | cut -d= -f2)
              printf '%s{"release":"%s","weight":%s,"instances":[{"url":"http://%s.internal"}]}' "$sep" "$release" "${weight:-0}" "$release"
              sep=','
            done < pools
            printf ']}'
            """,
    }, _recorded.Add, Logger.None);

    [Fact]
    public async Task PoolHealth_InstancesNotReachable_IsWhatReadInstancesPrintsForEachInstance()
    {
        var environment = CommandEnvironment.Create(new CommandEnvironmentOptions
        {
            Name = "production", WorkingDirectory = _directory, DeployPool = "true", SetWeights = "true", RemovePool = "true",
            ReadInstances = """printf '{"url":"https://example.test","pools":[{"release":"2.5.0","weight":100,"instances":[{"url":"http://10.255.0.5:8080","healthy":true},{"url":"http://10.255.0.6:8080","healthy":false,"problem":"OOM-killed at 10:02"},{"url":"http://10.255.0.7:8080"}]}]}'""",
        }, _recorded.Add, Logger.None);
        var pool = (await environment.ReadAsync(CancellationToken.None)).Pool("2.5.0")!;
        using var http = new HttpClient();
        var unreachable = new Runway.Service.ServiceAccess(http, () => Service.SampleContract.NodeStyle, null, instancesReachable: false);

        var health = await new Runway.Phases.PoolHealth(environment, unreachable, environment.Health, Logger.None).CheckAsync(pool, CancellationToken.None);

        health["http://10.255.0.5:8080"].ShouldBe(Runway.Environments.InstanceHealth.Ok);
        health["http://10.255.0.6:8080"].ShouldBe(Runway.Environments.InstanceHealth.Failing("http://10.255.0.6:8080: OOM-killed at 10:02"));
        health["http://10.255.0.7:8080"].Healthy.ShouldBeNull();
        health["http://10.255.0.7:8080"].Detail!.ShouldContain("add \"healthy\"");
    }

    [Fact]
    public async Task DeployPoolAsync_RunsTheCommandWithTheReleaseAndReadsThePoolBack()
    {
        var pool = await Environment().DeployPoolAsync("2.5.0", CancellationToken.None);

        pool.Release.ShouldBe("2.5.0");
        pool.Instances.Single().Url.ShouldBe("http://2.5.0.internal");
        _recorded[0].StandardOutput.ShouldContain("deployed 2.5.0 to production");
    }

    [Fact]
    public async Task SetWeightsAsync_PassesTheSplitAsArgumentAndVariable()
    {
        var environment = Environment();
        await environment.DeployPoolAsync("2.4.0", CancellationToken.None);
        await environment.DeployPoolAsync("2.5.0", CancellationToken.None);

        await environment.SetWeightsAsync(new Dictionary<string, int> { ["2.4.0"] = 90, ["2.5.0"] = 10 }, CancellationToken.None);

        var snapshot = await environment.ReadAsync(CancellationToken.None);
        snapshot.Pool("2.4.0")!.Weight.ShouldBe(90);
        snapshot.Pool("2.5.0")!.Weight.ShouldBe(10);
        snapshot.Url.ShouldBe("https://example.test");
    }

    [Fact]
    public async Task RemovePoolAsync_TakesThePoolAway()
    {
        var environment = Environment();
        await environment.DeployPoolAsync("2.4.0", CancellationToken.None);

        await environment.RemovePoolAsync("2.4.0", CancellationToken.None);

        (await environment.ReadAsync(CancellationToken.None)).Pools.ShouldBeEmpty();
    }

    [Fact]
    public async Task DeployPoolAsync_FailingCommand_FailsWithTheExitCodeAndRecordsTheRun()
    {
        var error = await Should.ThrowAsync<InvalidOperationException>(
            () => Environment(deployPool: "echo 'quota exceeded' >&2; exit 3").DeployPoolAsync("2.5.0", CancellationToken.None));

        error.Message.ShouldContain("exited with code 3");
        error.Message.ShouldContain("quota exceeded");
        _recorded.Single().ExitCode.ShouldBe(3);
    }

    [Fact]
    public async Task ReadAsync_OutputThatIsNotJson_SaysWhatTheCommandMustPrint()
    {
        var environment = CommandEnvironment.Create(new CommandEnvironmentOptions
        {
            Name = "production", WorkingDirectory = _directory, DeployPool = "true", SetWeights = "true", RemovePool = "true",
            ReadInstances = "echo 'all good'",
        }, _recorded.Add, Logger.None);

        var error = await Should.ThrowAsync<InvalidOperationException>(() => environment.ReadAsync(CancellationToken.None));

        error.Message.ShouldContain("printed no valid JSON");
    }
}
