using Runway.Checklists;
using Shouldly;
using Xunit;

namespace Runway.Tests.Checklists;

public sealed class ChecklistGateTests
{
    private const string Text = """
        ## Prep
        - [ ] Announcement sent <!-- runway: id=announce phase=Preparation owner=H -->
        - [ ] Tree clean <!-- runway: id=git-clean phase=Preparation check=git-clean owner=B -->
        ## Canary
        - [ ] Window open <!-- runway: id=window phase=Canary owner=H -->
        - [ ] Canary ok <!-- runway: id=canary phase=Canary check=canary-analysis-passed owner=B -->
        ## Later
        - [ ] Happy path <!-- runway: id=happy phase=Validation owner=T -->
        - [ ] Unbound note
        """;

    private static readonly Checklist Checklist = ChecklistParser.Parse(Text, "c.md");

    [Fact]
    public void GateFor_Canary_ListsOpenEarlierItemsAndCanarySignOffsOnly()
    {
        var state = new ChecklistState(Checklist, [ChecklistMarks.Signed("announce")]);

        state.GateFor(ChecklistPhase.Canary).Select(i => i.Id).ShouldBe(["git-clean", "window"]);
        state.GateFor(ChecklistPhase.Preparation).Select(i => i.Id).ShouldBeEmpty();
        state.UnprovenBy(ChecklistPhase.Canary).Select(i => i.Id).ShouldBe(["canary"]);
    }

    [Fact]
    public void OpenGatesUpTo_AllPhases_ListsEverySignOffButNoAutomatedItem()
    {
        var state = new ChecklistState(Checklist, [ChecklistMarks.Waived("window", "night deploy agreed")]);

        state.OpenGatesUpTo(Enum.GetValues<ChecklistPhase>()).Select(i => i.Id).ShouldBe(["announce", "happy"]);
        state.OpenGatesUpTo([ChecklistPhase.Rollout50, ChecklistPhase.RolloutFull]).Select(i => i.Id).ShouldBe(["announce", "git-clean", "canary"]);
        state.OpenItems.Count.ShouldBe(5);
    }

    [Fact]
    public void State_SeveralMarksForOneItem_UsesTheLatest()
    {
        var state = new ChecklistState(Checklist, [ChecklistMarks.Signed("announce", "late", minute: 5), ChecklistMarks.Waived("announce", "first", minute: 1), ChecklistMarks.Signed("gone")]);

        state.MarkOf("announce")!.By.ShouldBe("late");
        state.UnknownMarks.Select(m => m.ItemId).ShouldBe(["gone"]);
    }

    [Fact]
    public void EnsureClosed_OpenItems_RefusesWithOwnersAndClosingCommands()
    {
        var state = new ChecklistState(Checklist, []);

        var error = Should.Throw<ChecklistGateException>(() => ChecklistState.EnsureClosed(state.GateFor(ChecklistPhase.Canary), "Canary"));

        error.OpenItems.Select(i => i.Id).ShouldBe(["announce", "git-clean", "window"]);
        error.Message.ShouldBe("""
            Canary refused: 3 checklist items are open.
              ☐ announce [Human] Announcement sent  (Prep)
                  sign off: ./build.sh SignOff --item announce --by <name>
                  waive:    ./build.sh SignOff --item announce --by <name> --waive --reason "<text>"
              ☐ git-clean [Builder] Tree clean  (Prep)
                  proven by phase Preparation (check git-clean): run ./build.sh Preparation, or waive it:
                  ./build.sh SignOff --item git-clean --by <name> --waive --reason "<text>"
              ☐ window [Human] Window open  (Canary)
                  sign off: ./build.sh SignOff --item window --by <name>
                  waive:    ./build.sh SignOff --item window --by <name> --waive --reason "<text>"
            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void EnsureClosed_NothingOpen_DoesNotThrow()
    {
        var state = new ChecklistState(Checklist, [ChecklistMarks.Signed("announce")]);

        Should.NotThrow(() => state.EnsureCanStart(ChecklistPhase.Preparation));
    }

    [Fact]
    public void EnsureCanRun_DeployWithOpenSignOffs_RefusesUpFrontNamingTheRun()
    {
        var state = new ChecklistState(Checklist, [ChecklistMarks.Signed("announce")]);

        var error = Should.Throw<ChecklistGateException>(() => state.EnsureCanRun(Enum.GetValues<ChecklistPhase>(), "Deploy"));

        error.Gate.ShouldBe("Deploy");
        error.OpenItems.Select(i => i.Id).ShouldBe(["window", "happy"]);
        error.Message.ShouldStartWith("Deploy refused: 2 checklist items are open.");
    }
}
