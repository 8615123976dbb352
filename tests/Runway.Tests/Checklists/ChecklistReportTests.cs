using System.Text.Json.Nodes;
using Runway.Checklists;
using Runway.Checklists.Reports;
using Shouldly;
using Xunit;

namespace Runway.Tests.Checklists;

public sealed class ChecklistReportTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("runway-report-").FullName;

    [Fact]
    public void Render_ReadinessSeed_TicksMarkedRowsAndKeepsEveryOtherByte()
    {
        var seed = ChecklistFiles.Readiness;
        var id = "operations-runbooks-troubleshooting-guide-orchestration-guide";
        var state = new ChecklistState(seed, [ChecklistMarks.Signed(id, "carol")]);

        var written = ChecklistMarkdownReport.Render(state);

        var before = seed.Text.Split('\n');
        var after = written.Split('\n');
        after.Length.ShouldBe(before.Length);
        Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).ShouldBe([48]);
        after[48].ShouldBe("| Troubleshooting guide (`orchestration-guide/troubleshooting.md`) reviewed by on-call rotation. | H | ✍ signed — carol 2026-11-22 12:00Z |");
    }

    [Fact]
    public void Render_DeploymentSeed_TicksBoxesAndAddsEvidenceBulletsOnly()
    {
        var seed = ChecklistFiles.Deployment;
        var state = new ChecklistState(seed, [
            ChecklistMarks.Done("code-repository-release-tag-created-in-git", "tag v1.1.0 | at abc123"),
            ChecklistMarks.Waived("communication-support-team-briefed-on-changes", "no user-facing change")]);

        var written = ChecklistMarkdownReport.Render(state);

        var expected = seed.Text
            .Replace("- [ ] Release tag created in Git\n", "- [x] Release tag created in Git\n  - ✔ done — Preparation 2026-11-22 12:00Z: tag v1.1.0 | at abc123\n", StringComparison.Ordinal)
            .Replace("- [ ] Support team briefed on changes\n", "- [x] Support team briefed on changes\n  - ⚠ waived — bob 2026-11-22 12:00Z: no user-facing change\n", StringComparison.Ordinal);
        written.ShouldBe(expected);
    }

    [Fact]
    public void Render_CrlfWithoutFinalNewline_KeepsLineEndings()
    {
        var checklist = ChecklistParser.Parse("## A\r\n- [ ] One\r\n- [ ] Two", "c.md");
        var state = new ChecklistState(checklist, [ChecklistMarks.Signed("a-one"), ChecklistMarks.Signed("a-two")]);

        var written = ChecklistMarkdownReport.Render(state);

        written.ShouldBe("## A\r\n- [x] One\r\n  - ✍ signed — alice 2026-11-22 12:00Z\r\n- [x] Two\r\n  - ✍ signed — alice 2026-11-22 12:00Z");
    }

    [Fact]
    public async Task WriteAsync_DefaultChecklist_RoundTripsToTheSameItemsNowTicked()
    {
        var checklist = await ChecklistParser.ParseFileAsync(ChecklistFiles.DefaultPath);
        var marks = new[]
        {
            ChecklistMarks.Done("git-clean", "working tree clean"),
            ChecklistMarks.Signed("announcement-sent"),
            ChecklistMarks.Waived("logs-secret-free", "log scan | rerun <!-- later"),
            ChecklistMarks.Done("auth-required", "401 without token"),
        };
        var state = new ChecklistState(checklist, marks);

        var (markdown, evidence) = await ChecklistReport.WriteAsync(directory, state);

        var reread = await ChecklistParser.ParseFileAsync(markdown);
        reread.Items.Select(i => (i.Id, i.Section, i.Text, i.Owner, i.Phase, i.CheckId)).ShouldBe(checklist.Items.Select(i => (i.Id, i.Section, i.Text, i.Owner, i.Phase, i.CheckId)));
        reread.Items.Where(i => i.IsTicked).Select(i => i.Id).ShouldBe(["git-clean", "announcement-sent", "auth-required", "logs-secret-free"]);
        var json = JsonNode.Parse(await File.ReadAllTextAsync(evidence))!;
        json["items"]!.AsArray().Count.ShouldBe(checklist.Items.Count);
        json["items"]!.AsArray().Single(i => (string?)i!["id"] == "git-clean")!["mark"]!["evidence"]!["check"]!.GetValue<string>().ShouldBe("git-clean");
    }

    [Fact]
    public void ConsoleReport_SmallChecklist_RendersStatusOwnerWhoWhenAndEvidence()
    {
        var checklist = ChecklistParser.Parse("""
            ## Prep
            - [ ] Tree clean <!-- runway: id=git-clean phase=Preparation check=git-clean owner=B -->
            - [ ] Announcement sent <!-- runway: id=announce phase=Preparation owner=H -->
            ## Db
            | Item | Owner | Status |
            | --- | --- | --- |
            | Backup verified <!-- id: backup --> | T | |
            | Restore drill <!-- id: drill --> | T | |
            """, "c.md");
        var state = new ChecklistState(checklist, [ChecklistMarks.Done("git-clean", "working tree clean"), ChecklistMarks.Signed("announce"), ChecklistMarks.Waived("drill", "new cluster")]);

        var text = ChecklistConsoleReport.Render(state);

        text.ShouldBe("""
            Prep
              ✔ done    git-clean  Tree clean         Builder  Preparation 2026-11-22 12:00Z  working tree clean
              ✍ signed  announce   Announcement sent  Human    alice 2026-11-22 12:00Z
            Db
              ☐ open    backup     Backup verified    Tester
              ⚠ waived  drill      Restore drill      Tester   bob 2026-11-22 12:00Z          new cluster
            4 items: 1 done, 1 signed, 1 waived, 1 open

            """.ReplaceLineEndings("\n"));
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
