using Runway.Targets.Tests.Support;
using Shouldly;
using Xunit;

namespace Runway.Targets.Tests.CommandLines;

/// <summary>
/// Issue 14 rule 8 on Runway's own build, through build.sh: bad input fails with a message naming the input, where it
/// came from and the fix; exits non-zero; starts nothing (no cluster under .nuke/temp); and never echoes a secret.
/// </summary>
[Collection(BuildScriptCollection.Name)]
public sealed class InputErrorTests : IDisposable
{
    private const string Garbage = "this-is-not-a-connection-string-s3cr3t";
    private readonly string _root = Directory.CreateTempSubdirectory("runway-input-").FullName;

    public InputErrorTests() => Directory.CreateDirectory(Path.Combine(_root, ".nuke"));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("--ledger-connection-string", "RUNWAY_LEDGER_CONNECTION_STRING")]
    [InlineData("--database-connection-string", "RUNWAY_DATABASE_CONNECTION_STRING")]
    public async Task GarbageConnectionString_NamesTheInputAndItsSource_WithoutShowingIt(string option, string variable)
    {
        var run = await RunAsync(new() { [variable] = Garbage }, "Status", "--deploy-pool-command", "true", "--remove-pool-command", "true",
            "--set-weights-command", "true", "--read-instances-command", "true");

        run.ExitCode.ShouldNotBe(0, run.Output);
        run.StandardError.ShouldContain($"{option} (from {variable} in the environment) is not a PostgreSQL connection string", customMessage: run.Output);
        run.StandardError.ShouldContain("Host=", customMessage: "the message shows the expected form");
        run.Output.ShouldNotContain(Garbage, customMessage: "a connection string is a secret, even a broken one");
        run.Output.ShouldNotContain("Format of the initialization string");
        NothingStarted();
    }

    [Fact]
    public async Task ConnectionString_WithTheLocalCluster_IsRefusedInsteadOfIgnored()
    {
        var run = await RunAsync(new(), "Status", "--ledger-connection-string", "Host=db.example;Database=runway;Username=runway");

        run.ExitCode.ShouldNotBe(0, run.Output);
        run.StandardError.ShouldContain("--ledger-connection-string is set (from --ledger-connection-string on the command line)", customMessage: run.Output);
        run.StandardError.ShouldContain("would ignore it");
        run.StandardError.ShouldContain("--deploy-pool-command");
        NothingStarted();
    }

    [Fact]
    public async Task PortOutOfRange_NamesTheParameterItsValueAndTheRange()
    {
        var run = await RunAsync(new(), "Status", "--postgres-port", "99999");

        run.ExitCode.ShouldNotBe(0, run.Output);
        run.StandardError.ShouldContain("--postgres-port is 99999 (from --postgres-port on the command line); it must be a TCP port from 1 to 65535", customMessage: run.Output);
        run.Output.ShouldNotContain("Specified argument was out of the range");
        NothingStarted();
    }

    [Fact]
    public async Task KeepLogsZero_IsRefusedBeforeAnyLogIsDeleted()
    {
        var logs = Path.Combine(_root, ".nuke", "temp", "logs");
        Directory.CreateDirectory(logs);
        File.WriteAllText(Path.Combine(logs, "20250101-000000-old00001.clef"), "{}\n");

        var run = await RunAsync(new(), "Status", "--keep-logs", "0");

        run.ExitCode.ShouldNotBe(0, run.Output);
        run.StandardError.ShouldContain("--keep-logs is 0 (from --keep-logs on the command line); it must be at least 1", customMessage: run.Output);
        File.Exists(Path.Combine(logs, "20250101-000000-old00001.clef")).ShouldBeTrue("bad input changes nothing");
    }

    private void NothingStarted() =>
        Directory.Exists(Path.Combine(_root, ".nuke", "temp", "postgres")).ShouldBeFalse("bad input must start nothing");

    private Task<ScriptRun> RunAsync(Dictionary<string, string> environment, params string[] arguments) =>
        BuildScript.RunAsync("build.sh", environment, [.. arguments, "--root", _root, "--no-logo"]);
}
