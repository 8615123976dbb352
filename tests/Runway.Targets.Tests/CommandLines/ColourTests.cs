using System.Diagnostics;
using Runway.Targets.Tests.Support;
using Shouldly;
using Xunit;

namespace Runway.Targets.Tests.CommandLines;

/// <summary>
/// Issue 14 rule 8: colours only where they can be shown and are wanted. Runway's own build runs in a real terminal
/// (a pseudo-terminal from <c>script</c>, outside CI) and logs an error (Migration without a version): with
/// <c>TERM=dumb</c> or <c>NO_COLOR</c> its output holds no escape byte; with an ordinary terminal it does.
/// </summary>
[Collection(BuildScriptCollection.Name)]
public sealed class ColourTests : IDisposable
{
    private const char Escape = '\u001b';
    private readonly string _root = Directory.CreateTempSubdirectory("runway-colour-").FullName;

    public ColourTests() => Directory.CreateDirectory(Path.Combine(_root, ".nuke"));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task DumbTerminal_OutputHoldsNoEscapeByte()
    {
        var output = await RunInTerminalAsync("dumb", null);

        output.ShouldContain("Migration requires", customMessage: output);
        output.ShouldNotContain(Escape.ToString(), customMessage: output);
    }

    // With a capable terminal the .NET runtime itself may switch the keypad mode (ESC [?1h ESC =): not a colour.
    [Fact]
    public async Task NoColour_OutputHoldsNoColourSequence()
    {
        var output = await RunInTerminalAsync("xterm-256color", "1");

        output.ShouldContain("Migration requires", customMessage: output);
        output.ShouldNotMatch(Colour, output);
    }

    [Fact]
    public async Task OrdinaryTerminal_GetsColours()
    {
        var output = await RunInTerminalAsync("xterm-256color", null);

        output.ShouldContain("Migration requires", customMessage: output);
        output.ShouldMatch(Colour, "the control case: colours in a terminal that shows them");
    }

    // An SGR sequence (ESC [ … m) sets colours and styles.
    private const string Colour = "\u001b\\[[0-9;]*m";

    // `script` gives the build a pseudo-terminal, as a person's shell would; CI variables are removed so it is a local run.
    private async Task<string> RunInTerminalAsync(string term, string? noColour)
    {
        var command = $"'{Path.Combine(BuildScript.RepositoryRoot, "build.sh")}' Migration --root '{_root}' --no-logo";
        var info = new ProcessStartInfo("script") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-q", "-e", "-c", command, "/dev/null"]) info.ArgumentList.Add(argument);
        foreach (var name in (string[])["CI", "GITHUB_ACTIONS", "TF_BUILD", "TEAMCITY_VERSION", "GITLAB_CI", "JENKINS_URL", "BUILDKITE", "APPVEYOR", "NO_COLOR"])
            info.Environment.Remove(name);
        info.Environment["TERM"] = term;
        if (noColour is not null) info.Environment["NO_COLOR"] = noColour;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return await output + await errors;
    }
}
