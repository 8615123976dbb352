using Runway.Targets.Execution;
using Runway.Targets.Output;
using Shouldly;
using Xunit;

namespace Runway.Targets.Tests.Output;

public sealed class SummaryTableTests
{
    // A resumed run skips every phase with the same long reason; the table must stay readable on a terminal.
    private const string LongReason =
        "1.0.0 is already the live release in local (deployment 1): nothing to deploy; the environment differed from the " +
        "ledger and was put back (the pool of 1.0.0 is gone (the ledger has it at 100%))";

    [Fact]
    public void Render_LongSkipReasons_KeepsEveryLineWithinATerminalAndShowsTheReasonsStart()
    {
        var results = new[] { "Preparation", "Canary", "Rollout50" }
            .Select(name => new TargetResult(name, TargetStatus.Skipped, TimeSpan.FromMilliseconds(5), LongReason)).ToList();

        var table = SummaryTable.Render(results, succeeded: true, DateTimeOffset.UnixEpoch);

        var lines = table.Split('\n');
        lines.ShouldAllBe(line => line.Length <= 120, table);
        lines.ShouldContain(line => line.StartsWith("Canary") && line.Contains("Skipped (1.0.0 is already the live release") && line.Contains('…'), table);
    }

    [Fact]
    public void Render_ShortReasons_AreShownWhole()
    {
        var table = SummaryTable.Render([new TargetResult("Canary", TargetStatus.Skipped, TimeSpan.Zero, "dependency of skipped Gates")], true, DateTimeOffset.UnixEpoch);

        table.ShouldContain("Skipped (dependency of skipped Gates)");
        table.ShouldNotContain("…");
    }
}
