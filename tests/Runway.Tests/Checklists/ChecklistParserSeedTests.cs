using Runway.Checklists;
using Shouldly;
using Xunit;

namespace Runway.Tests.Checklists;

public sealed class ChecklistParserSeedTests
{
    [Fact]
    public void Parse_DeploymentSeed_FindsEveryTaskItemPerSectionAndNoRollbackSteps()
    {
        var checklist = ChecklistFiles.Deployment;

        checklist.Sections.Select(s => (s.Title, s.Items.Count)).ShouldBe(
        [
            ("Pre-Deployment › Code & Repository", 7),
            ("Pre-Deployment › Environment Preparation", 7),
            ("Pre-Deployment › Communication", 4),
            ("Deployment Process › Phase 1: Preparation", 5),
            ("Deployment Process › Phase 2: Production Deployment", 8),
            ("Deployment Process › Phase 3: Validation", 6),
            ("Post-Deployment › Immediate Actions", 4),
            ("Post-Deployment › Follow-up Actions", 4),
        ]);
        checklist.Items.Count.ShouldBe(45);
        checklist.Items.ShouldAllBe(i => i.Shape == ChecklistItemShape.Task && !i.IsTicked && i.Owner == null && i.Phase == null);
        checklist.Items.ShouldNotContain(i => i.Text.Contains("Restore database from pre-deployment backup"));
    }

    [Fact]
    public void Parse_DeploymentSeed_KeepsTextsLinesAndDerivedIds()
    {
        var items = ChecklistFiles.Deployment.Items;

        items[0].Text.ShouldBe("All feature branches merged to main");
        items[0].Line.ShouldBe(6);
        items[0].Id.ShouldBe("code-repository-all-feature-branches-merged-to-main");
        items.Single(i => i.Text == "Deploy to production cluster (50% capacity)").Id.ShouldBe("phase-2-production-deploy-to-production-cluster-50-capacity");
        items[^1].Text.ShouldBe("Update knowledge base with deployment learnings");
        items.Select(i => i.Id).ShouldBeUnique();
    }

    [Fact]
    public void Parse_ReadinessSeed_FindsTableRowsWithOwnersPerSection()
    {
        var checklist = ChecklistFiles.Readiness;

        checklist.Sections.Select(s => (s.Title, s.Items.Count)).ShouldBe(
        [
            ("1. Platform & Infrastructure", 5),
            ("2. Security & Compliance", 7),
            ("3. Observability & Monitoring", 5),
            ("4. Operations & Runbooks", 5),
            ("5. Documentation & Training", 4),
            ("6. Final Gate", 4),
        ]);
        checklist.Items.ShouldAllBe(i => i.Shape == ChecklistItemShape.TableRow && !i.IsTicked);
        checklist.Items.Count(i => i.Owner == ChecklistOwner.Builder).ShouldBe(13);
        checklist.Items.Count(i => i.Owner == ChecklistOwner.Tester).ShouldBe(11);
        checklist.Items.Count(i => i.Owner == ChecklistOwner.Human).ShouldBe(6);
    }

    [Fact]
    public void Parse_ReadinessSeed_KeepsCellTextsVerbatim()
    {
        var items = ChecklistFiles.Readiness.Items;

        var troubleshooting = items.Single(i => i.Id == "operations-runbooks-troubleshooting-guide-orchestration-guide");
        troubleshooting.Text.ShouldBe("Troubleshooting guide (`orchestration-guide/troubleshooting.md`) reviewed by on-call rotation.");
        troubleshooting.Owner.ShouldBe(ChecklistOwner.Human);
        troubleshooting.Section.ShouldBe("4. Operations & Runbooks");
        troubleshooting.Line.ShouldBe(49);
        items.Single(i => i.Text.StartsWith("Alerting configured", StringComparison.Ordinal)).Text
            .ShouldBe("Alerting configured: failed runs (`orchestration_runs_total{status=\"failed\"}`), queue latency (`>5s`), webhook errors.");
        items.ShouldNotContain(i => i.Text.Contains("Revert to previous container/image version"));
    }
}
