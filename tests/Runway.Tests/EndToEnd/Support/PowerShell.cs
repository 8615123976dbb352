using Xunit;

namespace Runway.Tests.EndToEnd.Support;

/// <summary>PowerShell 7 (<c>pwsh</c>), which runs build.ps1: on PATH or where <c>dotnet tool install --global</c> puts it (.ci/run does).</summary>
public static class PowerShell
{
    /// <summary>The pwsh executable, or null when it is not installed.</summary>
    public static string? Executable { get; } =
        new[] { Environment.GetEnvironmentVariable("PATH") ?? "", Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools") }
            .SelectMany(path => path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            .Select(folder => Path.Combine(folder, "pwsh"))
            .FirstOrDefault(File.Exists);
}

/// <summary>A fact that needs PowerShell: skipped, saying how to install it, only when pwsh is absent.</summary>
public sealed class PowerShellFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when pwsh cannot be found.</summary>
    public PowerShellFactAttribute()
    {
        if (PowerShell.Executable is null)
            Skip = "PowerShell (pwsh) is not installed: `dotnet tool install --global PowerShell --version 7.6.9` (.ci/run installs it)";
    }
}
