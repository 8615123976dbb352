using System.Diagnostics;

namespace Runway.Targets.Tests.Support;

/// <summary>
/// Runs the repository's own bootstrap script (<c>build.sh</c>, or <c>build.ps1</c> under PowerShell) as a real
/// process, as a user would, against a throwaway <c>--root</c> so nothing in the checkout changes.
/// </summary>
internal static class BuildScript
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The scripts this machine can run: build.sh always, build.ps1 when <c>pwsh</c> is installed (CI installs it).</summary>
    public static IEnumerable<object[]> Available()
    {
        yield return ["build.sh"];
        if (PowerShell() is not null) yield return ["build.ps1"];
    }

    public static Task<ScriptRun> RunAsync(string script, IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        RunFromAsync(RepositoryRoot, script, environment, arguments);

    /// <summary>Runs <paramref name="script"/> from the folder <paramref name="scriptRoot"/> (a copy of the bootstrap, or the repository).</summary>
    public static async Task<ScriptRun> RunFromAsync(string scriptRoot, string script, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var command = CommandFor(scriptRoot, script);
        var info = new ProcessStartInfo(command[0]);
        foreach (var argument in command.Skip(1).Concat(arguments)) info.ArgumentList.Add(argument);
        (info.RedirectStandardOutput, info.RedirectStandardError, info.UseShellExecute) = (true, true, false);
        info.Environment["CI"] = "true";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new ScriptRun(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The program and leading arguments that run <paramref name="script"/> in <paramref name="scriptRoot"/>.</summary>
    public static IReadOnlyList<string> CommandFor(string scriptRoot, string script) => script == "build.ps1"
        ? [PowerShell() ?? throw new InvalidOperationException("pwsh is not installed: dotnet tool install --global PowerShell"),
            "-NoProfile", "-NonInteractive", "-File", Path.Combine(scriptRoot, script)]
        : [Path.Combine(scriptRoot, script)];

    /// <summary>
    /// How to run PowerShell itself, without the launcher process a .NET global tool install puts in front of it
    /// (<c>~/.dotnet/tools/pwsh</c> starts <c>dotnet …/unix/pwsh.dll</c> as its child): <c>dotnet</c> and that dll, or a
    /// packaged <c>pwsh</c> as it is. Null without PowerShell.
    /// </summary>
    public static IReadOnlyList<string>? PowerShellItself()
    {
        if (PowerShell() is not { } pwsh) return null;
        var store = Path.Combine(Path.GetDirectoryName(pwsh)!, ".store", "powershell");
        if (!Directory.Exists(store)) return [pwsh];
        var dll = Directory.GetFiles(store, "pwsh.dll", SearchOption.AllDirectories)
            .FirstOrDefault(file => Path.GetFileName(Path.GetDirectoryName(file)) == "unix");
        return dll is null ? null : ["dotnet", dll];
    }

    /// <summary>Whether <c>pwsh</c> is a .NET global tool's launcher, a process in front of PowerShell.</summary>
    public static bool PowerShellHasALauncher =>
        PowerShell() is { } pwsh && Directory.Exists(Path.Combine(Path.GetDirectoryName(pwsh)!, ".store", "powershell"));

    private static string? PowerShell() =>
        new[] { Environment.GetEnvironmentVariable("PATH") ?? "", Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools") }
            .SelectMany(path => path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            .Select(folder => Path.Combine(folder, "pwsh"))
            .FirstOrDefault(File.Exists);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "build.sh"))) return directory.FullName;
        }

        throw new InvalidOperationException("build.sh not found above the test assembly.");
    }
}

/// <summary>A finished script run.</summary>
internal sealed record ScriptRun(int ExitCode, string StandardOutput, string StandardError)
{
    public string Output => StandardOutput + StandardError;
}
