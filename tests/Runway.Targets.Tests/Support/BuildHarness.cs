using Microsoft.Extensions.Time.Testing;
using Runway.Targets.Running;

namespace Runway.Targets.Tests.Support;

/// <summary>
/// Runs a test build in-process with a captured console (standard output and error apart, and both interleaved as a
/// person sees them), a fake clock, its own environment and a throwaway root folder.
/// </summary>
internal sealed class BuildHarness : IDisposable
{
    private readonly StringWriter _both = new();
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();

    public BuildHarness()
    {
        Root = Directory.CreateTempSubdirectory("runway-targets-").FullName;
        Directory.CreateDirectory(Path.Combine(Root, ".nuke"));
    }

    public string Root { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    public Dictionary<string, string> Environment { get; } = [];

    /// <summary>What the build's Main would pass to Execute.</summary>
    public IReadOnlyList<string> DefaultTargets { get; init; } = ["Default"];

    /// <summary>Standard output and error, interleaved in the order written.</summary>
    public string Output => _both.ToString();

    public string StandardOutput => _out.ToString();

    public string StandardError => _error.ToString();

    public string LogFile => Directory.GetFiles(Path.Combine(Root, ".nuke", "temp", "logs"), "*.clef").Single();

    public int Run<T>(Func<T> create, params string[] args) where T : BuildBase =>
        RunAsync(create, CancellationToken.None, args).GetAwaiter().GetResult();

    public Task<int> RunAsync<T>(Func<T> create, CancellationToken cancellationToken, params string[] args) where T : BuildBase
    {
        var environment = new RunnerEnvironment(new Tee(_out, _both), Environment, Root, Time, IsTerminal: false)
        {
            RunId = "run00001",
            ErrorConsole = new Tee(_error, _both),
        };
        return new BuildRunner(environment).RunAsync(create, DefaultTargets, args, cancellationToken);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private sealed class Tee(TextWriter one, TextWriter both) : TextWriter
    {
        public override System.Text.Encoding Encoding => one.Encoding;

        public override void Write(char value)
        {
            lock (both)
            {
                one.Write(value);
                both.Write(value);
            }
        }

        public override void Write(string? value)
        {
            lock (both)
            {
                one.Write(value);
                both.Write(value);
            }
        }
    }
}
