using Runway.Files;
using Shouldly;
using Xunit;

namespace Runway.Tests.Files;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "runway-atomic-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public void WriteAllText_Key_IsOwnerOnlyFromTheStartAndLeavesNoTemporaryFile()
    {
        var key = Path.Combine(_directory, "signing.key");
        Directory.CreateDirectory(_directory);

        AtomicFile.WriteAllText(key, "secret-key", AtomicFile.OwnerOnly);

        File.ReadAllText(key).ShouldBe("secret-key");
        if (!OperatingSystem.IsWindows()) File.GetUnixFileMode(key).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Directory.GetFiles(_directory).ShouldBe([key]);
    }

    [Fact]
    public async Task WriteAllTextAsync_OverAnExistingFile_ReplacesItWhole()
    {
        var file = Path.Combine(_directory, "state.json");
        Directory.CreateDirectory(_directory);
        await File.WriteAllTextAsync(file, new string('x', 10_000));

        await AtomicFile.WriteAllTextAsync(file, "{}");

        (await File.ReadAllTextAsync(file)).ShouldBe("{}");
        Directory.GetFiles(_directory).ShouldBe([file]);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}
