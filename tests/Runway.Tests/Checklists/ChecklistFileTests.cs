using Runway.Checklists;
using Shouldly;
using Xunit;

namespace Runway.Tests.Checklists;

/// <summary>A checklist file that is not a Markdown checklist is refused: otherwise no gate would apply.</summary>
public sealed class ChecklistFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("runway-checklist-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task ParseFileAsync_BinaryFile_IsRefusedAsNotMarkdown()
    {
        var file = Write("binary.md", [0x7F, (byte)'E', (byte)'L', (byte)'F', 0x02, 0x01, 0x00, 0x00, 0x10]);

        var error = await Should.ThrowAsync<ChecklistFormatException>(() => ChecklistParser.ParseFileAsync(file));

        error.Message.ShouldContain("is not a Markdown checklist: it holds a NUL byte");
        error.Message.ShouldContain("--checklist-file");
    }

    [Fact]
    public async Task ParseFileAsync_InvalidUtf8_IsRefusedAsNotMarkdown()
    {
        var file = Write("latin.md", [(byte)'-', (byte)' ', (byte)'[', (byte)' ', (byte)']', (byte)' ', 0xE9, 0xFF, (byte)'\n']);

        var error = await Should.ThrowAsync<ChecklistFormatException>(() => ChecklistParser.ParseFileAsync(file));

        error.Message.ShouldContain("bytes that are not UTF-8 text");
    }

    [Fact]
    public async Task ParseFileAsync_MarkdownWithoutItems_IsRefused()
    {
        var file = Write("notes.md", "# Release notes\n\nNothing to tick here.\n"u8.ToArray());

        var error = await Should.ThrowAsync<ChecklistFormatException>(() => ChecklistParser.ParseFileAsync(file));

        error.Message.ShouldContain("it holds no items");
    }

    [Fact]
    public async Task ParseFileAsync_DuplicateIds_AreRefusedNamingBothLines()
    {
        var file = Write("dup.md", """
            - [ ] Backups verified <!-- runway: id=backup -->
            - [ ] Backups restored <!-- runway: id=backup -->
            """u8.ToArray());

        var error = await Should.ThrowAsync<ChecklistFormatException>(() => ChecklistParser.ParseFileAsync(file));

        error.Message.ShouldContain("id 'backup' is already used by the item on line 1");
    }

    [Fact]
    public async Task ParseFileAsync_ATaskList_Parses()
    {
        var file = Write("ok.md", "- [ ] Backups verified\n"u8.ToArray());

        (await ChecklistParser.ParseFileAsync(file)).Items.Count.ShouldBe(1);
    }

    private string Write(string name, byte[] content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, content);
        return path;
    }
}
