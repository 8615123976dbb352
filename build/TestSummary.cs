using System.Globalization;
using System.Text.RegularExpressions;

/// <summary>
/// Totals of the per-project result lines that <c>dotnet test</c> prints (e.g. "Passed!  - Failed: 0, Passed: 12,
/// Skipped: 0, Total: 12, Duration: 2 s - Runway.Tests.dll (net10.0)"), with the run's exit code, so that a crashed
/// test host or a project that prints no line fails the run instead of leaving it green.
/// </summary>
sealed partial class TestSummary(IReadOnlyList<string> expectedProjects)
{
    readonly HashSet<string> _reported = new(StringComparer.OrdinalIgnoreCase);
    readonly Lock _gate = new(); // several `dotnet test` runs report at once

    public int Passed { get; private set; }
    public int Failed { get; private set; }
    public int Skipped { get; private set; }
    public int Projects => _reported.Count;
    public int? ExitCode { get; private set; }

    public void Read(string line)
    {
        var match = ResultLine().Match(line);
        if (!match.Success) return;
        lock (_gate) Add(match);
    }

    void Add(Match match)
    {
        Failed += Number(match, "failed");
        Passed += Number(match, "passed");
        Skipped += Number(match, "skipped");
        _reported.Add(match.Groups["project"].Success ? match.Groups["project"].Value : $"#{_reported.Count + 1}");
    }

    /// <summary>Records one `dotnet test` run's exit code; the first non-zero one is kept.</summary>
    public void Finish(int exitCode)
    {
        lock (_gate) ExitCode = ExitCode is null or 0 ? exitCode : ExitCode;
    }

    public override string ToString() =>
        $"{Passed} passed, {Failed} failed" + (Skipped > 0 ? $", {Skipped} skipped" : "");

    public void EnsureSuccess()
    {
        var problems = new List<string>();
        if (Failed > 0) problems.Add($"{Failed} test(s) failed");
        if (ExitCode is not (null or 0)) problems.Add($"`dotnet test` exited with code {ExitCode}");
        var silent = expectedProjects.Where(p => !_reported.Contains(p)).Order(StringComparer.Ordinal).ToList();
        if (silent.Count > 0)
            problems.Add($"{expectedProjects.Count - silent.Count} of {expectedProjects.Count} test projects reported results; none from {string.Join(", ", silent)} (a crashed test host, or a build that failed)");
        if (Passed == 0) problems.Add("no test ran (check that the test projects build and contain tests)");
        if (problems.Count > 0) throw new InvalidOperationException(string.Join("; ", problems) + ". See the output above.");
    }

    static int Number(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Failed:\s*(?<failed>\d+),\s*Passed:\s*(?<passed>\d+),\s*Skipped:\s*(?<skipped>\d+),\s*Total:\s*\d+(?:.*\s-\s(?<project>[^\s]+)\.dll)?")]
    private static partial Regex ResultLine();
}

/// <summary>A test project: its name (the assembly's, as `dotnet test` reports it) and its project file.</summary>
sealed record TestProject(string Name, string Path);

/// <summary>The test projects a solution lists: those whose project file says <c>&lt;IsTestProject&gt;true</c>.</summary>
static class TestProjects
{
    public static IReadOnlyList<TestProject> In(string solutionPath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(solutionPath))!;
        return System.Xml.Linq.XDocument.Load(solutionPath)
            .Descendants("Project")
            .Select(project => Path.GetFullPath((string?)project.Attribute("Path") ?? "", folder))
            .Where(path => File.Exists(path) && File.ReadAllText(path).Contains("<IsTestProject>true</IsTestProject>", StringComparison.OrdinalIgnoreCase))
            .Select(path => new TestProject(Path.GetFileNameWithoutExtension(path), path))
            .ToList();
    }
}
