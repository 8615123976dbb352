using Runway.Database.Backups;
using Serilog.Core;
using Shouldly;
using Xunit;

namespace Runway.Tests.Database.Backups;

public sealed class BackupRetentionTests
{
    [Fact]
    public void Apply_KeepsTheNewestProtectedFilesAndSafetyDumps()
    {
        using var fixture = new BackupFixture();
        Directory.CreateDirectory(fixture.Directory);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var files = Enumerable.Range(0, 6).Select(i => Touch(fixture.Directory, BackupFileName.For("shop", start.AddHours(i)))).ToList();
        var safety = Touch(fixture.Directory, BackupFileName.For("shop", start.AddMinutes(1), safetyDump: true));
        var other = Touch(fixture.Directory, BackupFileName.For("ledger", start));
        var unrelated = Touch(fixture.Directory, "notes.dump");

        var deleted = new BackupRetention(Logger.None).Apply(fixture.Directory, keep: 2, protectedFiles: [files[1]]);

        deleted.ShouldBe([files[3], files[2], files[0]], ignoreOrder: true);
        File.Exists(files[1]).ShouldBeTrue();
        File.Exists(files[4]).ShouldBeTrue();
        File.Exists(files[5]).ShouldBeTrue();
        File.Exists(safety).ShouldBeTrue();
        File.Exists(other).ShouldBeTrue();
        File.Exists(unrelated).ShouldBeTrue();
    }

    private static string Touch(string directory, string name)
    {
        var path = Path.GetFullPath(Path.Combine(directory, name));
        File.WriteAllText(path, "archive");
        return path;
    }
}
