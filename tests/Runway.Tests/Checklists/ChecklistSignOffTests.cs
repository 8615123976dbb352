using Microsoft.Extensions.Time.Testing;
using Runway.Checklists;
using Runway.Ledger;
using Shouldly;
using Xunit;

namespace Runway.Tests.Checklists;

public sealed class ChecklistSignOffTests
{
    private static readonly Checklist Checklist = ChecklistParser.Parse("""
        ## Prep
        - [ ] Announcement sent <!-- runway: id=announcement-sent phase=Preparation owner=H -->
        - [ ] Backup verified <!-- runway: id=backup-verified phase=Migration check=backup-verified -->
        """, "deploy/checklist.md");

    private readonly FakeTimeProvider time = new(ChecklistMarks.Noon);

    [Fact]
    public void Create_ManualItem_GivesSignedOffMarkNowByTrimmedName()
    {
        var mark = new ChecklistSignOff(Checklist, time).Create(new SignOffRequest("announcement-sent", "  alice ") { Release = "1.1.0", Environment = "production" });

        mark.ShouldBe(new ChecklistMark("production", "1.1.0", null, "announcement-sent", ChecklistMarkKind.SignedOff, "alice", ChecklistMarks.Noon, null, null));
    }

    [Fact]
    public void Create_WaiverOfAutomatedItem_GivesWaivedMarkWithReason()
    {
        var mark = new ChecklistSignOff(Checklist, time).Create(new SignOffRequest("backup-verified", "bob", Waive: true, Reason: " empty database "));

        (mark.Kind, mark.Note, mark.By).ShouldBe((ChecklistMarkKind.Waived, "empty database", "bob"));
    }

    [Fact]
    public void Create_HandSignOffOfAutomatedItem_IsRefusedWithPhaseAndWaiverCommand()
    {
        var error = Should.Throw<SignOffRejectedException>(() => new ChecklistSignOff(Checklist, time).Create(new SignOffRequest("backup-verified", "bob")));

        error.Message.ShouldBe("'backup-verified' is proven by the automated check 'backup-verified' in phase Migration; a hand sign-off would carry no evidence. Run ./build.sh Migration to prove it, or waive it: ./build.sh SignOff --item backup-verified --by bob --waive --reason \"<text>\"");
    }

    [Theory]
    [InlineData("announcement-sent", "", false, null, "Sign-off of 'announcement-sent' needs a name: add --by <your name>.")]
    [InlineData("announcement-sent", "bob", true, " ", "Waiving 'announcement-sent' needs a reason: add --reason \"<why it does not apply>\".")]
    [InlineData("anouncement-sent", "bob", false, null, "No checklist item 'anouncement-sent' in deploy/checklist.md. Did you mean announcement-sent?")]
    [InlineData("backup", "bob", false, null, "No checklist item 'backup' in deploy/checklist.md. Did you mean backup-verified?")]
    public void Create_InvalidRequest_IsRefusedWithTheFix(string id, string by, bool waive, string? reason, string expectedStart)
    {
        var error = Should.Throw<SignOffRejectedException>(() => new ChecklistSignOff(Checklist, time).Create(new SignOffRequest(id, by, waive, reason)));

        error.Message.ShouldStartWith(expectedStart);
    }
}
