using System.Diagnostics;
using Npgsql;
using Runway.Tests.EndToEnd.Support;
using Shouldly;
using Xunit;

namespace Runway.Tests.EndToEnd;

/// <summary>
/// One deployment per environment, and a crash that loses nothing: a second Deploy is refused at once naming the
/// holder, and a Deploy killed with SIGKILL mid-canary resumes on rerun without redoing what it had finished.
/// </summary>
[Collection(EndToEndCollections.Releases)]
public sealed class ConcurrencyTests : IAsyncLifetime
{
    private static readonly TimeSpan FirstDeployTimeout = TimeSpan.FromMinutes(4);

    private AdoptingRepository _repository = null!;

    public async Task InitializeAsync() => _repository = await AdoptingRepository.CreateAsync("concurrency");

    public async Task DisposeAsync() => await _repository.DisposeAsync();

    [Fact]
    public async Task SecondDeployRefused_ThenKilledDeployResumes_AsTheLedgerRecordsIt()
    {
        await SecondDeploy_WhileOneHoldsTheEnvironment_FailsFastNamingTheHolder();
        await Deploy_KilledDuringTheCanaryBake_ResumesWithoutRedoingFinishedSteps();
    }

    private async Task SecondDeploy_WhileOneHoldsTheEnvironment_FailsFastNamingTheHolder()
    {
        using var first = _repository.Start("Deploy");
        await first.WaitForOutputAsync("Took environment local for 1.0.0", FirstDeployTimeout);

        var clock = Stopwatch.StartNew();
        var second = await _repository.RunAsync("Deploy");

        second.ShouldFail("(e) a second Deploy while the first holds the environment")
            .ShouldSay("Environment 'local' is locked: it is held by", "(e)")
            .ShouldSay($"(pid {first.ProcessId}) deploying release 1.0.0", "(e) the message names the holder");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(45), "(e) the refusal is fast: it does not wait for the lock");
        second.Output.ShouldNotContain("Step git-clean", Case.Sensitive, "(e) the refused run changed nothing");
        // Issue 14 rule 8: a refusal reads as one, not as a phase failure beside "no phase failed".
        second.ShouldSay("Gates refused: Environment 'local' is locked", "(e) a refusal, not a failure");
        second.Output.ShouldNotContain("failed: Environment 'local' is locked", Case.Sensitive, "(e)");
        second.Output.ShouldNotContain("no phase failed", Case.Sensitive, "(e) nothing runs after a refusal");

        (await first.WaitForExitAsync(FirstDeployTimeout)).ShouldSucceed("(e) the first Deploy, undisturbed by the refused one");
        ShouldServeOnly(await _repository.StatusAsync(), "1.0.0");
    }

    private async Task Deploy_KilledDuringTheCanaryBake_ResumesWithoutRedoingFinishedSteps()
    {
        using (var crashing = _repository.Start("Deploy", "--version", "1.1.0"))
        {
            await crashing.WaitForOutputAsync("Canary bake of 1.1.0 against 1.0.0 started", FirstDeployTimeout);
            await crashing.KillAsync();
        }
        var crashed = (await _repository.StatusAsync())["deployment"]!.AsObject();
        crashed["release"]!.GetValue<string>().ShouldBe("1.1.0");
        crashed["state"]!.GetValue<string>().ShouldBe("Running", "(f) a killed run cannot record its end");
        var id = crashed["id"]!.GetValue<long>();

        var rerun = await _repository.RunAsync("Deploy", "--version", "1.1.0");

        rerun.ShouldSucceed("(f) the rerun after SIGKILL")
            .ShouldSay($"Skipping Preparation: already completed in deployment {id}", "(f)")
            .ShouldSay($"Resuming deployment {id} of 1.1.0", "(f)")
            .ShouldSay($"Step canary-deployed already done in deployment {id}", "(f)");
        rerun.Output.ShouldNotContain("Step git-clean", Case.Sensitive, "(f) Preparation's steps must not run again");
        var started = await StepStartsAsync(id);
        started.Where(s => s.Key != "Canary/canary-analysis").ShouldAllBe(s => s.Value == 1, "(f) every finished step ran once: " + Describe(started));
        started["Canary/canary-analysis"].ShouldBe(2, "(f) only the bake the kill interrupted ran again");
        started.Keys.ShouldContain("Preparation/git-clean");
        var status = await _repository.StatusAsync();
        ShouldServeOnly(status, "1.1.0");
        status["deployment"]!["id"]!.GetValue<long>().ShouldBe(id);
        status["deployment"]!["state"]!.GetValue<string>().ShouldBe("Succeeded");
    }

    // The ledger's append-only event log: how often each step of the deployment was started, by "Phase/step".
    private async Task<Dictionary<string, int>> StepStartsAsync(long deploymentId)
    {
        await using var connection = new NpgsqlConnection(_repository.LedgerDatabase);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT payload->>'phase' || '/' || (payload->>'step'), count(*)::int FROM runway.events " +
            "WHERE deployment_id = @id AND type = 'step.started' GROUP BY 1", connection);
        command.Parameters.AddWithValue("id", deploymentId);
        await using var reader = await command.ExecuteReaderAsync();
        var starts = new Dictionary<string, int>();
        while (await reader.ReadAsync()) starts[reader.GetString(0)] = reader.GetInt32(1);
        return starts;
    }

    private static string Describe(Dictionary<string, int> starts) => string.Join(", ", starts.Select(s => $"{s.Key}={s.Value}"));

    private static void ShouldServeOnly(System.Text.Json.Nodes.JsonObject status, string release) =>
        status["pools"]!.AsArray().Select(p => $"{p!["release"]}={p["weight"]}").ToArray().ShouldBe([$"{release}=100"]);
}
