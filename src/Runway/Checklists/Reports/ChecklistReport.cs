using System.Text.Json;

namespace Runway.Checklists.Reports;

/// <summary>Writes a deployment's checklist report: <c>checklist.md</c> (the ticked document) and <c>evidence.json</c>.</summary>
public static class ChecklistReport
{
    /// <summary>The conventional folder: <c>&lt;temporaryDirectory&gt;/reports/&lt;deployment&gt;</c> (i.e. .nuke/temp/reports/…).</summary>
    public static string DirectoryFor(string temporaryDirectory, string deployment) =>
        Path.Combine(temporaryDirectory, "reports", deployment);

    /// <summary>Writes both files into <paramref name="directory"/> (created when missing) and returns their paths.</summary>
    public static async Task<(string Markdown, string Evidence)> WriteAsync(string directory, ChecklistState state, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        var markdown = Path.Combine(directory, "checklist.md");
        var evidence = Path.Combine(directory, "evidence.json");
        await Runway.Files.AtomicFile.WriteAllTextAsync(markdown, ChecklistMarkdownReport.Render(state), cancellationToken).ConfigureAwait(false);
        var json = ChecklistEvidenceJson.Render(state).ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        await Runway.Files.AtomicFile.WriteAllTextAsync(evidence, json + "\n", cancellationToken).ConfigureAwait(false);
        // The canary's bake, when one was recorded, drawn next to them (canary.html).
        if (state.Checklist.Items.Select(i => state.MarkOf(i.Id)).FirstOrDefault(m => CanaryHtmlReport.CanRender(m?.Evidence)) is { Evidence: { } bake } mark)
            await CanaryHtmlReport.WriteAsync(directory, mark.Release, bake, cancellationToken).ConfigureAwait(false);
        return (markdown, evidence);
    }
}
