using Shouldly;

namespace Runway.Tests.EndToEnd.Support;

/// <summary>A finished <c>build.sh</c> run: what was asked, its exit code, and its output (stdout then stderr).</summary>
public sealed record BuildRun(string Arguments, int ExitCode, string Output)
{
    /// <summary>Fails the test with the run's output when it did not exit 0.</summary>
    public BuildRun ShouldSucceed(string step)
    {
        ExitCode.ShouldBe(0, $"{step}: `build.sh {Arguments}` failed; its output:\n{Output}");
        return this;
    }

    /// <summary>Fails the test with the run's output when it exited 0.</summary>
    public BuildRun ShouldFail(string step)
    {
        ExitCode.ShouldNotBe(0, $"{step}: `build.sh {Arguments}` should have failed; its output:\n{Output}");
        return this;
    }

    /// <summary>Asserts that a line of the output contains <paramref name="text"/>.</summary>
    public BuildRun ShouldSay(string text, string step)
    {
        Output.ShouldContain(text, Case.Sensitive, $"{step}: `build.sh {Arguments}` should say \"{text}\"; its output:\n{Output}");
        return this;
    }
}
