using Microsoft.Extensions.Time.Testing;
using Runway.Targets.Running;

namespace Runway.Targets.Tests.Support;

/// <summary>Runs a test build in-process with a captured console, a fake clock, its own environment and a throwaway root folder.</summary>
internal sealed class BuildHarness : IDisposable
{
    private readonly StringWriter _console = new();

    public BuildHarness()
    {
        Root = Directory.CreateTempSubdirectory("runway-targets-").FullName;
        Directory.CreateDirectory(Path.Combine(Root, ".nuke"));
    }

    public string Root { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    public Dictionary<string, string> Environment { get; } = [];

    public string Output => _console.ToString();

    public string LogFile => Directory.GetFiles(Path.Combine(Root, ".nuke", "temp", "logs"), "*.clef").Single();

    public int Run<T>(Func<T> create, params string[] args) where T : BuildBase =>
        RunAsync(create, CancellationToken.None, args).GetAwaiter().GetResult();

    public Task<int> RunAsync<T>(Func<T> create, CancellationToken cancellationToken, params string[] args) where T : BuildBase
    {
        var environment = new RunnerEnvironment(_console, Environment, Root, Time, IsTerminal: false) { RunId = "run00001" };
        return new BuildRunner(environment).RunAsync(create, ["Default"], args, cancellationToken);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
