using System.Diagnostics;
using System.Globalization;
using Runway.Canary;
using Runway.Checklists.Reports;
using Serilog.Core;
using Shouldly;
using Xunit;

namespace Runway.Tests.Canary;

/// <summary>The canary report rendered by a real browser (Debian's chromium, headless), offline.</summary>
public sealed class CanaryHtmlReportTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("runway-canary-report-").FullName;

    [Fact]
    public async Task Render_FailedBake_ChromiumDrawsEveryChartWithTheRecordedFigures()
    {
        var evidence = (await FailingBakeAsync()).ToEvidence();
        var page = Path.Combine(_directory, "canary.html");
        await File.WriteAllTextAsync(page, CanaryHtmlReport.Render("1.1.0", evidence));

        var dom = await ChromiumAsync("--dump-dom", new Uri(page).AbsoluteUri);
        await ChromiumAsync($"--screenshot={Path.Combine(_directory, "canary.png")}", "--window-size=1000,1400", new Uri(page).AbsoluteUri);

        foreach (var chart in new[] { "error-rate", "error-z", "median-latency", "latency-z" }) dom.ShouldContain($"<svg id=\"{chart}\"");
        var looks = evidence["looks"]!.AsArray();
        var zs = string.Join(' ', looks.Select(l => l!["errorRate"]!["z"]!.GetValue<double>().ToString("0.00", CultureInfo.InvariantCulture)));
        dom.ShouldContain($"data-series=\"canary z\" data-values=\"{zs}\"");
        var boundary = looks[^1]!["boundary"]!.GetValue<double>().ToString("0.00", CultureInfo.InvariantCulture);
        dom.ShouldContain($"boundary at {looks[^1]!["seconds"]!.GetValue<double>().ToString("0.#", CultureInfo.InvariantCulture)} s: {boundary}");
        dom.ShouldContain("<span id=\"verdict\">Fail</span>");
        new FileInfo(Path.Combine(_directory, "canary.png")).Length.ShouldBeGreaterThan(10_000);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // A canary at 3% errors against 0.5%, read every minute until the boundary stops it.
    private static Task<BakeResult> FailingBakeAsync()
    {
        var options = new CanaryOptions { BakeDuration = TimeSpan.FromMinutes(10), Interval = TimeSpan.FromMinutes(1) };
        var metrics = new ScriptedMetrics((pool, read) => pool.Release == "1.1.0"
            ? ScriptedMetrics.Steady(read * 100, read * 3)
            : ScriptedMetrics.Steady(read * 900, read * 4.5));
        return new CanaryBake(metrics, options, new AutoAdvancingTime(), Logger.None)
            .RunAsync(new CanaryPool("1.0.0", []), new CanaryPool("1.1.0", []), null, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(20));
    }

    private async Task<string> ChromiumAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("chromium")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--no-first-run", $"--user-data-dir={Path.Combine(_directory, "profile")}", .. arguments])
            start.ArgumentList.Add(argument);
        using var chromium = Process.Start(start)!;
        var output = chromium.StandardOutput.ReadToEndAsync();
        var errors = chromium.StandardError.ReadToEndAsync();
        await chromium.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
        chromium.ExitCode.ShouldBe(0, await errors);
        return await output;
    }
}
