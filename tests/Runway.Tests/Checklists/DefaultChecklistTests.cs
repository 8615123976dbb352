using System.Text.RegularExpressions;
using Runway.Checklists;
using Shouldly;
using Xunit;

namespace Runway.Tests.Checklists;

public sealed partial class DefaultChecklistTests
{
    private static readonly string DefaultText = File.ReadAllText(ChecklistFiles.DefaultPath);
    private static readonly Checklist Default = ChecklistParser.Parse(DefaultText, "deploy/checklist.md");

    [Fact]
    public void Parse_Default_BindsEveryItemToAPhaseWithAnExplicitId()
    {
        Default.Items.ShouldNotBeEmpty();
        Default.Items.ShouldAllBe(i => i.Phase != null && i.HasExplicitId && i.Owner != null);
    }

    [Fact]
    public void Parse_Default_UsesEveryKnownCheckAndOnlyKnownOnes()
    {
        var checks = Default.Items.Where(i => i.IsAutomated).Select(i => i.CheckId!).ToList();

        checks.ShouldAllBe(c => CheckIds.IsKnown(c));
        checks.ShouldBe(CheckIds.All, ignoreOrder: true);
    }

    [Fact]
    public void Parse_Default_HasBothShapesAndKeepsPeopleItemsManual()
    {
        Default.Items.ShouldContain(i => i.Shape == ChecklistItemShape.Task);
        Default.Items.ShouldContain(i => i.Shape == ChecklistItemShape.TableRow);
        foreach (var id in new[] { "announcement-sent", "support-briefed", "troubleshooting-reviewed", "release-approved" })
            Default.Find(id).ShouldNotBeNull().IsAutomated.ShouldBeFalse(id);
        Default.Find("troubleshooting-reviewed")!.Owner.ShouldBe(ChecklistOwner.Human);
        Default.Find("backup-verified")!.Phase.ShouldBe(ChecklistPhase.Migration);
    }

    [Fact]
    public void Coverage_EverySeedItem_IsMappedToADefaultItemOrDeclaredNotApplicable()
    {
        var seeds = new Dictionary<string, Checklist> { ["deployment"] = ChecklistFiles.Deployment, ["readiness"] = ChecklistFiles.Readiness };
        var entries = CoverageLine().Matches(DefaultText).Select(m => (Key: $"{m.Groups["seed"].Value}:{m.Groups["id"].Value}", Target: m.Groups["target"].Value)).ToList();
        var seedKeys = seeds.SelectMany(s => s.Value.Items.Select(i => $"{s.Key}:{i.Id}")).ToList();

        entries.Select(e => e.Key).ShouldBeUnique();
        entries.Select(e => e.Key).ShouldBe(seedKeys, ignoreOrder: true);
        entries.Where(e => e.Target.Length > 0).ShouldAllBe(e => Default.Find(e.Target) != null);
        entries.Count(e => e.Target.Length == 0).ShouldBe(14);
    }

    [GeneratedRegex(@"^\s+(?<seed>deployment|readiness):(?<id>[a-z0-9-]+)\s+(=>\s+(?<target>[a-z0-9-]+)|n/a:\s+\S.*)\s*$", RegexOptions.Multiline)]
    private static partial Regex CoverageLine();
}
