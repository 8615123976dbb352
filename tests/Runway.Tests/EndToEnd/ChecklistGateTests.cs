using System.Text.RegularExpressions;
using Runway.Tests.EndToEnd.Support;
using Shouldly;
using Xunit;

namespace Runway.Tests.EndToEnd;

/// <summary>
/// A deployment with sign-offs enforced (profile gated): it lists every gate up front, runs what changes nothing
/// users see (Preparation's automated items), stops at the first gate that needs a person with the commands that
/// close it, continues after the sign-offs, and the checklist report shows every item's evidence.
/// </summary>
[Collection(EndToEndCollections.Releases)]
public sealed partial class ChecklistGateTests : IAsyncLifetime
{
    private AdoptingRepository _repository = null!;

    public async Task InitializeAsync() => _repository = await AdoptingRepository.CreateAsync("checklist");

    public async Task DisposeAsync() => await _repository.DisposeAsync();

    [Fact]
    public async Task GatedDeploy_RunsWhatItCanThenStopsForPeople_ContinuesAfterSignOffs_ReportShowsEvidence()
    {
        var (canarySignOffs, waivers, laterSignOffs) = await GatedDeploy_RunsPreparationAndStopsAtCanary_ListingItemsOwnersAndCommands();
        await SignOffAsync(canarySignOffs, "Alice");
        await WaiveAsync(waivers, "Bob", "GitHub is not configured for this repository");
        await SignOffAsync(laterSignOffs, "Bob");
        await GatedDeploy_AfterAllSignOffs_Completes();
        await ChecklistReport_ShowsEachItemWithItsEvidence();
    }

    private async Task<(IReadOnlyList<string> Canary, IReadOnlyList<string> Waivers, IReadOnlyList<string> Later)>
        GatedDeploy_RunsPreparationAndStopsAtCanary_ListingItemsOwnersAndCommands()
    {
        var run = (await _repository.RunAsync("Deploy", "--profile", "gated")).ShouldFail("(1) gated Deploy with nothing signed off")
            .ShouldSay("Checklist item git-clean done by Preparation", "(1) Preparation changes nothing users see: its automated items are done first")
            .ShouldSay("Checklist item staging-smoke done by Preparation", "(1)");

        // Up front, before anything changed: every gate the run will meet, with the command that closes each.
        var upFront = Block(run.Output, "Deploy will stop at the first gate");
        upFront.ShouldContain("release-approved", Case.Sensitive, "(1) the up-front list covers every phase's sign-offs");
        upFront.ShouldContain("core-flows-at-50", Case.Sensitive, "(1) later phases' too");
        upFront.ShouldContain("☐ release-tagged", Case.Sensitive, "(1) and the automated items no phase can prove here (no GitHub)");
        run.Output.IndexOf("Deploy will stop at the first gate", StringComparison.Ordinal)
            .ShouldBeLessThan(run.Output.IndexOf("Step git-clean", StringComparison.Ordinal), "(1) the forecast comes before the first step");

        // The first gate that needs a person: Canary, the first phase that touches production traffic.
        var refusal = Block(run.Output, "Canary refused:");
        refusal.ShouldContain("☐ code-reviewed [Tester]", Case.Sensitive, "(1) each open item with its owner");
        refusal.ShouldContain("sign off: ./build.sh SignOff --item code-reviewed --by <name>", Case.Sensitive, "(1) the exact command");
        refusal.ShouldContain("sign off: ./build.sh SignOff --item release-approved --by <name>", Case.Sensitive, "(1)");
        refusal.ShouldNotContain("core-flows-at-50", Case.Sensitive, "(1) only the gate in front of Canary stops this run");
        run.Output.ShouldNotContain("Step canary-deployed", Case.Sensitive, "(1) the canary waits for its sign-offs");
        run.Output.ShouldNotContain("Rolling back", Case.Sensitive, "(1) a closed gate pauses the deployment; it is not a failure");
        (await _repository.StatusAsync())["deployment"]!["state"]!.GetValue<string>().ShouldBe("Running", "(1) the deployment waits");

        var canary = SignOffIds(refusal);
        var all = SignOffIds(upFront);
        canary.ShouldBeSubsetOf(all);
        return (canary, WaiveIds(upFront).Except(all).ToList(), all.Except(canary).ToList());
    }

    private async Task GatedDeploy_AfterAllSignOffs_Completes()
    {
        (await _repository.RunAsync("Deploy", "--profile", "gated")).ShouldSucceed("(2) gated Deploy after every sign-off")
            .ShouldSay("Skipping Preparation: already completed in deployment", "(2) Preparation is not redone")
            .ShouldSay("Checklist item smoke-passed done by Validation", "(2)");
        var status = await _repository.StatusAsync();
        status["deployment"]!["state"]!.GetValue<string>().ShouldBe("Succeeded");
    }

    private async Task ChecklistReport_ShowsEachItemWithItsEvidence()
    {
        (await _repository.RunAsync("Checklist", "--profile", "gated")).ShouldSucceed("(3) Checklist");

        var report = Directory.GetFiles(Path.Combine(_repository.TemporaryDirectory, "reports"), "checklist.md", SearchOption.AllDirectories)
            .ShouldHaveSingleItem("(3) one Markdown report");
        var lines = await File.ReadAllLinesAsync(report);
        EvidenceOf(lines, "git-clean").ShouldStartWith("- ✔ done — Preparation");
        EvidenceOf(lines, "staging-migrated").ShouldContain("V1__create_orchestrations.sql");
        EvidenceOf(lines, "code-reviewed").ShouldStartWith("- ✍ signed — Alice");
        EvidenceOf(lines, "release-approved").ShouldStartWith("- ✍ signed — Alice");
        EvidenceOf(lines, "core-flows-at-50").ShouldStartWith("- ✍ signed — Bob");
        EvidenceOf(lines, "release-tagged").ShouldStartWith("- ⚠ waived — Bob");
        EvidenceOf(lines, "release-tagged").ShouldContain("GitHub is not configured");
        EvidenceOf(lines, "smoke-passed").ShouldStartWith("- ✔ done — Validation");
    }

    // The evidence bullet written under item ID's ticked box.
    private static string EvidenceOf(string[] lines, string id)
    {
        var index = Array.FindIndex(lines, l => l.Contains($"runway: id={id} ", StringComparison.Ordinal));
        index.ShouldBeGreaterThanOrEqualTo(0, $"item {id} is in the report");
        lines[index].TrimStart().ShouldStartWith("- [x]", Case.Sensitive, $"item {id} is ticked: {lines[index]}");
        return lines[index + 1].Trim();
    }

    private async Task SignOffAsync(IReadOnlyList<string> items, string by)
    {
        items.ShouldNotBeEmpty();
        foreach (var item in items)
            (await _repository.RunAsync("SignOff", "--profile", "gated", "--item", item, "--by", by, "--note", "checked for the end-to-end test"))
                .ShouldSucceed($"SignOff {item}");
    }

    private async Task WaiveAsync(IReadOnlyList<string> items, string by, string reason)
    {
        foreach (var item in items)
            (await _repository.RunAsync("SignOff", "--profile", "gated", "--item", item, "--by", by, "--waive", "--reason", reason))
                .ShouldSucceed($"SignOff --waive {item}");
    }

    private static string Block(string output, string heading)
    {
        var start = output.IndexOf(heading, StringComparison.Ordinal);
        start.ShouldBeGreaterThanOrEqualTo(0, $"the output says \"{heading}\":\n{output}");
        var end = output.IndexOf("═══", start, StringComparison.Ordinal);
        return end < 0 ? output[start..] : output[start..end];
    }

    private static List<string> SignOffIds(string block) => SignOffCommand().Matches(block).Select(m => m.Groups["id"].Value).ToList();

    private static List<string> WaiveIds(string block) => WaiveCommand().Matches(block).Select(m => m.Groups["id"].Value).ToList();

    [GeneratedRegex(@"\./build\.sh SignOff --item (?<id>\S+) --by <name> --waive")]
    private static partial Regex WaiveCommand();

    [GeneratedRegex(@"sign off: \./build\.sh SignOff --item (?<id>\S+) --by <name>")]
    private static partial Regex SignOffCommand();
}
