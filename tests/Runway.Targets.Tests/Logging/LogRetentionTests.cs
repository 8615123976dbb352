using Runway.Targets.Tests.Support;
using Shouldly;
using Xunit;

namespace Runway.Targets.Tests.Logging;

/// <summary>Issue 14 rule 8: run logs are pruned, the newest N kept (N from the build, a parameter in Runway's).</summary>
public sealed class LogRetentionTests
{
    private sealed class KeepingBuild(int keep) : RecordingBuild
    {
        public Target Default => _ => _.Executes(() => Logger.Information("ran"));

        protected internal override int LogsToKeep => keep;
    }

    private sealed class DefaultBuild : RecordingBuild
    {
        public Target Default => _ => _.Executes(() => Logger.Information("ran"));
    }

    [Fact]
    public void Run_KeepsTheNewestLogs_IncludingItsOwn_AndDeletesTheRest()
    {
        using var harness = new BuildHarness();
        var logs = Path.Combine(harness.Root, ".nuke", "temp", "logs");
        Directory.CreateDirectory(logs);
        string[] old = ["20250101-000000-aaaa0001.clef", "20250102-000000-aaaa0002.clef", "20250103-000000-aaaa0003.clef", "20250104-000000-aaaa0004.clef"];
        foreach (var name in old) File.WriteAllText(Path.Combine(logs, name), "{}\n");
        File.WriteAllText(Path.Combine(logs, "notes.txt"), "not a run log");

        harness.Run(() => new KeepingBuild(3), "--no-logo").ShouldBe(0, harness.Output);

        Directory.GetFiles(logs).Select(Path.GetFileName).Order(StringComparer.Ordinal).ShouldBe(
            ["20250103-000000-aaaa0003.clef", "20250104-000000-aaaa0004.clef", "20260102-030405-run00001.clef", "notes.txt"]);
    }

    [Fact]
    public void Default_KeepsThirty()
    {
        using var harness = new BuildHarness();
        var logs = Path.Combine(harness.Root, ".nuke", "temp", "logs");
        Directory.CreateDirectory(logs);
        for (var day = 1; day <= 31; day++) File.WriteAllText(Path.Combine(logs, $"202501{day:00}-000000-old{day:00}.clef"), "{}\n");

        harness.Run(() => new DefaultBuild(), "--no-logo").ShouldBe(0, harness.Output);

        var kept = Directory.GetFiles(logs, "*.clef").Select(Path.GetFileName).ToList();
        kept.Count.ShouldBe(30);
        kept.ShouldNotContain("20250102-000000-old02.clef");
        kept.ShouldContain("20250103-000000-old03.clef");
    }
}
