using Runway.Checklists;
using Runway.Checklists.Reports;
using Shouldly;
using Xunit;

namespace Runway.Tests.Checklists;

/// <summary>
/// Locks what people see for the default checklist against checked-in text. To accept a deliberate change, run with
/// RUNWAY_UPDATE_SNAPSHOTS=1 and review the diff of Checklists/Snapshots/.
/// </summary>
public sealed class DefaultChecklistSnapshotTests
{
    private static readonly Checklist Default = ChecklistParser.Parse(File.ReadAllText(ChecklistFiles.DefaultPath), "deploy/checklist.md");

    [Fact]
    public void DeployRefusal_NothingSignedYet_MatchesSnapshot()
    {
        var state = new ChecklistState(Default, []);

        var error = Should.Throw<ChecklistGateException>(() => state.EnsureCanRun(Enum.GetValues<ChecklistPhase>(), "Deploy"));

        MatchSnapshot("deploy-refusal.txt", error.Message + "\n");
    }

    [Fact]
    public void ConsoleReport_HalfwayDeployment_MatchesSnapshot()
    {
        var marks = Default.Items.Where(i => i.Phase == ChecklistPhase.Preparation)
            .Select(i => i.IsAutomated ? ChecklistMarks.Done(i.Id, $"{i.CheckId} passed") : ChecklistMarks.Signed(i.Id))
            .Append(ChecklistMarks.Waived("window-open", "night deploy agreed with support"))
            .ToList();

        MatchSnapshot("console-report.txt", ChecklistConsoleReport.Render(new ChecklistState(Default, marks)));
    }

    private static void MatchSnapshot(string name, string actual)
    {
        var path = Path.Combine(Runway.Testing.RepositoryRoot.Path, "tests", "Runway.Tests", "Checklists", "Snapshots", name);
        if (Environment.GetEnvironmentVariable("RUNWAY_UPDATE_SNAPSHOTS") == "1")
            File.WriteAllText(path, actual);
        File.Exists(path).ShouldBeTrue($"snapshot {name} missing; run with RUNWAY_UPDATE_SNAPSHOTS=1 once and review it");
        actual.ShouldBe(File.ReadAllText(path));
    }
}
