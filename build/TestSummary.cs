using System.Globalization;
using System.Text.RegularExpressions;

/// <summary>Totals of the per-project result lines that <c>dotnet test</c> prints (e.g. "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12").</summary>
sealed partial class TestSummary
{
    public int Passed { get; private set; }
    public int Failed { get; private set; }
    public int Skipped { get; private set; }
    public int Projects { get; private set; }

    public void Read(string line)
    {
        var match = ResultLine().Match(line);
        if (!match.Success) return;
        Failed += Number(match, "failed");
        Passed += Number(match, "passed");
        Skipped += Number(match, "skipped");
        Projects++;
    }

    public override string ToString() =>
        $"{Passed} passed, {Failed} failed" + (Skipped > 0 ? $", {Skipped} skipped" : "");

    public void EnsureSuccess()
    {
        if (Failed > 0) throw new InvalidOperationException($"{Failed} test(s) failed; see the output above.");
        if (Passed == 0) throw new InvalidOperationException("No test ran. Check that the test projects build and contain tests.");
    }

    static int Number(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Failed:\s*(?<failed>\d+),\s*Passed:\s*(?<passed>\d+),\s*Skipped:\s*(?<skipped>\d+),\s*Total:\s*\d+")]
    private static partial Regex ResultLine();
}
