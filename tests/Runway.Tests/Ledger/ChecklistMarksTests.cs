using System.Text.Json.Nodes;
using Runway.Ledger;
using Runway.Testing;
using Shouldly;
using Xunit;

namespace Runway.Tests.Ledger;

[Collection("postgres")]
public sealed class ChecklistMarksTests(PostgresServer server)
{
    private static readonly DateTimeOffset Noon = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RecordAsync_MarksOfSeveralReleases_ReadBackPerEnvironmentAndRelease()
    {
        await using var ledger = await TestLedger.CreateAsync(server);
        var deployment = await ledger.StartAsync("production", "2.4.0");
        var done = new ChecklistMark("production", "2.4.0", deployment.Id, "backup-verified", ChecklistMarkKind.Done, "Preparation",
            Noon, null, new JsonObject { ["sha256"] = "ab12" });
        var signedOff = new ChecklistMark("production", "2.4.0", null, "rollback-plan", ChecklistMarkKind.SignedOff, "bob", Noon.AddMinutes(1), "runbook v3", null);

        await ledger.Marks.RecordAsync(done);
        await ledger.Marks.RecordAsync(signedOff);
        await ledger.Marks.RecordAsync(done with { Release = "2.5.0" });
        await ledger.Marks.RecordAsync(done with { Environment = "staging" });

        var marks = await ledger.Marks.GetAsync("production", "2.4.0");
        marks.Count.ShouldBe(2);
        marks[0].ShouldBe(done with { Evidence = marks[0].Evidence });
        JsonNode.DeepEquals(marks[0].Evidence, done.Evidence).ShouldBeTrue();
        marks[1].ShouldBe(signedOff);
    }

    [Fact]
    public async Task GetLatestPerItemAsync_ItemMarkedTwice_ReturnsOnlyTheLatest()
    {
        await using var ledger = await TestLedger.CreateAsync(server);
        var waived = new ChecklistMark("production", "2.4.0", null, "load-10-concurrent", ChecklistMarkKind.Waived, "carol", Noon, "no load rig", null);
        var done = waived with { Kind = ChecklistMarkKind.Done, By = "Validation", At = Noon.AddHours(1), Note = null };
        var other = waived with { ItemId = "auth-required", Kind = ChecklistMarkKind.Done };

        await ledger.Marks.RecordAsync(done);
        await ledger.Marks.RecordAsync(waived);
        await ledger.Marks.RecordAsync(other);

        var latest = await ledger.Marks.GetLatestPerItemAsync("production", "2.4.0");
        latest.ShouldBe([other, done]);
    }

    [Fact]
    public async Task RecordAsync_AppendsAChecklistEvent()
    {
        await using var ledger = await TestLedger.CreateAsync(server);

        await ledger.Marks.RecordAsync(new ChecklistMark("production", "2.4.0", null, "git-clean", ChecklistMarkKind.Done, "Preparation", Noon, null, null));

        var events = await ledger.Events.ReadAsync();
        events.ShouldHaveSingleItem().Type.ShouldBe(LedgerEventTypes.ChecklistMarked);
        events[0].Payload["itemId"]!.GetValue<string>().ShouldBe("git-clean");
    }
}
