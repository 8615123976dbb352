using Runway.Checklists;
using Shouldly;
using Xunit;

namespace Runway.Tests.Checklists;

public sealed class ChecklistItemIdTests
{
    private const string Original = """
        # Release
        ## Before
        - [ ] Backup taken
        - [ ] Tag created
        - [ ] Tag created
        ## After
        - [ ] Stakeholders notified
        | Item | Owner | Status |
        | --- | --- | --- |
        | Dashboards checked | T | |
        """;

    [Fact]
    public void Parse_EditedChecklist_KeepsIdsOfUnchangedItems()
    {
        const string edited = """
            # Release
            ## Before we start
            - [ ] Freeze announced
            - [ ] Tag created
            - [ ] Backup taken
            - [ ] Tag created
            ## After
            | Item | Owner | Status |
            | --- | --- | --- |
            | Dashboards checked | T | |
            - [ ] Stakeholders notified
            """;
        var before = Ids(Original);

        var after = Ids(edited);

        after["Stakeholders notified"].ShouldBe(before["Stakeholders notified"]);
        after["Dashboards checked"].ShouldBe(before["Dashboards checked"]);
        before["Stakeholders notified"].ShouldBe("after-stakeholders-notified");
    }

    [Fact]
    public void Parse_AddedAndRemovedItemsInSameSection_KeepIdsOfTheOthers()
    {
        var before = ChecklistParser.Parse(Original, "a.md").Items.Select(i => i.Id).ToList();
        var reordered = Original.Replace("- [ ] Backup taken\n- [ ] Tag created\n- [ ] Tag created", "- [ ] Tag created\n- [ ] New item\n- [ ] Tag created\n- [ ] Backup taken", StringComparison.Ordinal);

        var after = ChecklistParser.Parse(reordered, "a.md").Items.Select(i => i.Id).ToList();

        after.ShouldBe(["before-tag-created", "before-new-item", "before-tag-created-2", "before-backup-taken", "after-stakeholders-notified", "after-dashboards-checked"]);
        after.Except(["before-new-item"]).ShouldBe(before, ignoreOrder: true);
    }

    [Fact]
    public void State_MarksFromBeforeAnEdit_StillCloseTheUnchangedItems()
    {
        var before = ChecklistParser.Parse(Original, "a.md");
        var marks = before.Items.Where(i => i.Text != "Backup taken").Select(i => ChecklistMarks.Signed(i.Id)).ToList();
        var edited = Original.Replace("- [ ] Backup taken\n", "", StringComparison.Ordinal).Replace("## After\n", "## After\n- [ ] Metrics scraped\n", StringComparison.Ordinal);

        var state = new ChecklistState(ChecklistParser.Parse(edited, "a.md"), marks);

        state.OpenItems.Select(i => i.Id).ShouldBe(["after-metrics-scraped"]);
        state.UnknownMarks.ShouldBeEmpty();
    }

    [Fact]
    public void Parse_ExplicitIds_WinAndDerivedDuplicatesAreNumbered()
    {
        const string text = """
            ## Checks
            - [ ] Backup verified <!-- id: backup-verified -->
            - [ ] Smoke <!-- runway: id=checks-smoke -->
            - [ ] Smoke
            """;

        var ids = ChecklistParser.Parse(text, "a.md").Items.Select(i => (i.Id, i.HasExplicitId)).ToList();

        ids.ShouldBe([("backup-verified", true), ("checks-smoke", true), ("checks-smoke-2", false)]);
    }

    [Fact]
    public void Derive_LongAccentedText_IsAsciiLowerCaseAndBounded()
    {
        var id = ChecklistItemIds.Derive("2.  Sécurité & Conformité", "Vérifier que les journaux ne contiennent aucune clé d'API ni donnée personnelle identifiable");

        id.ShouldBe("securite-conformite-verifier-que-les-journaux-ne-contiennent-aucune");
        id.Length.ShouldBeLessThanOrEqualTo(ChecklistItemIds.MaxLength);
    }

    private static Dictionary<string, string> Ids(string text) =>
        ChecklistParser.Parse(text, "a.md").Items.GroupBy(i => i.Text).ToDictionary(g => g.Key, g => g.First().Id);
}
