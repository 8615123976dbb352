using Runway.Checklists;
using Shouldly;
using Xunit;

namespace Runway.Tests.Checklists;

public sealed class ChecklistAnnotationTests
{
    [Fact]
    public void Parse_TaskAnnotation_BindsIdPhaseCheckAndOwner()
    {
        const string text = "## Db\n- [x] Backup verified <!-- runway: id=backup-ok phase=Migration check=backup-verified owner=B -->\n";

        var item = ChecklistParser.Parse(text, "c.md").Items.Single();

        (item.Id, item.Section, item.Text, item.Owner, item.Phase, item.CheckId, item.Line, item.IsTicked)
            .ShouldBe(("backup-ok", "Db", "Backup verified", ChecklistOwner.Builder, ChecklistPhase.Migration, "backup-verified", 2, true));
        item.IsAutomated.ShouldBeTrue();
        item.HasExplicitId.ShouldBeTrue();
    }

    [Fact]
    public void Parse_TableCellAnnotation_BindsAndLeavesTextClean()
    {
        const string text = "## Ops\n| Item | Owner | Status / Notes |\n| --- | --- | --- |\n| Guide reviewed. <!-- runway: id=guide phase=Preparation --> | H | ✔ yes |\n";

        var item = ChecklistParser.Parse(text, "c.md").Items.Single();

        (item.Id, item.Text, item.Owner, item.Phase, item.CheckId, item.IsTicked).ShouldBe(("guide", "Guide reviewed.", ChecklistOwner.Human, ChecklistPhase.Preparation, (string?)null, true));
    }

    [Fact]
    public void Parse_UnknownPhase_FailsWithFileLineAndAllowedPhases()
    {
        var error = Should.Throw<ChecklistFormatException>(() => ChecklistParser.Parse("## A\n\n- [ ] X <!-- runway: phase=Deploy -->\n", "deploy/checklist.md"));

        error.Message.ShouldBe("deploy/checklist.md:3: unknown phase 'Deploy'. Allowed phases: Preparation, Canary, Rollout50, RolloutFull, Migration, Validation.");
        error.Line.ShouldBe(3);
    }

    [Fact]
    public void Parse_UnknownCheck_FailsWithFileLineAndAllowedChecks()
    {
        var error = Should.Throw<ChecklistFormatException>(() => ChecklistParser.Parse("- [ ] X <!-- runway: check=backup-done -->", "c.md"));

        error.Message.ShouldStartWith("c.md:1: unknown check 'backup-done'. Allowed checks: git-clean, release-identified,");
        error.Message.ShouldContain("rollback-plan.");
    }

    [Theory]
    [InlineData("- [ ] X <!-- runway: colour=red -->", "c.md:1: unknown annotation key 'colour'")]
    [InlineData("- [ ] X <!-- runway: phase=Canary,Migration -->", "c.md:1: unknown phase 'Canary,Migration'. Allowed phases:")]
    [InlineData("- [ ] X <!-- runway: phase=2 -->", "c.md:1: unknown phase '2'")]
    [InlineData("- [ ] X <!-- runway: phase=canary -->", "c.md:1: unknown phase 'canary'")]
    [InlineData("- [ ] X <!-- runway: owner=Q -->", "c.md:1: unknown owner 'Q'. Allowed owners: B (Builder), T (Tester), H (Human).")]
    [InlineData("- [ ] X <!-- id: Not_An_Id -->", "c.md:1: invalid item id 'Not_An_Id'")]
    [InlineData("- [ ] X <!-- id: a -->\n- [ ] Y <!-- id: a -->", "c.md:2: id 'a' is already used by the item on line 1")]
    [InlineData("## A\n<!-- runway: id=a -->\n- [ ] X", "c.md:2: an annotation must sit at the end of an item line")]
    public void Parse_MalformedAnnotation_FailsWithLine(string text, string expectedStart)
    {
        var error = Should.Throw<ChecklistFormatException>(() => ChecklistParser.Parse(text, "c.md"));

        error.Message.ShouldStartWith(expectedStart);
    }

    [Fact]
    public void Parse_TableRowWithWrongCellCount_FailsWithLineAndHeaderLine()
    {
        const string text = "# T\n\n| Item | Owner | Status |\n| --- | --- | --- |\n| Good | B | |\n| Bad | B |\n";

        var error = Should.Throw<ChecklistFormatException>(() => ChecklistParser.Parse(text, "ready.md"));

        error.Message.ShouldBe("ready.md:6: this table row has 2 cells but the header on line 3 has 3. Add or remove cells; write a literal pipe as \\|.");
    }

    [Fact]
    public void Parse_UnknownOwnerCell_FailsWithAllowedOwners()
    {
        var error = Should.Throw<ChecklistFormatException>(() => ChecklistParser.Parse("| Item | Owner |\n|---|---|\n| X | Z |", "c.md"));

        error.Message.ShouldBe("c.md:3: unknown owner 'Z'. Allowed owners: B (Builder), T (Tester), H (Human).");
    }

    [Fact]
    public void Parse_CodeFencesCommentsAndTablesWithoutItemColumn_AreNotItems()
    {
        const string text = "```\n- [ ] in code\n```\n<!--\n- [ ] in comment <!-- runway: phase=Nope\n-->\n| Name | Value |\n| --- | --- |\n| a | b |\n1. a step\n- plain bullet\n- [ ] Real\n";

        ChecklistParser.Parse(text, "c.md").Items.Select(i => i.Text).ShouldBe(["Real"]);
    }
}
