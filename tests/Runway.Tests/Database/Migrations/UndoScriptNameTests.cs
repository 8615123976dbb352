using Runway.Database.Migrations;
using Shouldly;
using Xunit;

namespace Runway.Tests.Database.Migrations;

/// <summary>
/// An undo script whose version no versioned script has (a typo: U3 written for V2) is a problem of the folder, refused
/// before a run starts: read silently, it left V2 without an undo, so a rollback would restore a backup instead.
/// </summary>
public sealed class UndoScriptNameTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("runway-undo-names-").FullName;

    [Fact]
    public async Task AnUndoOfNoVersionedScript_IsAProblemNamingTheFileAndTheFix()
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, "V1__create_items.sql"), "CREATE TABLE items (id int);");
        await File.WriteAllTextAsync(Path.Combine(_directory, "V2__add_note.sql"), "ALTER TABLE items ADD COLUMN note text;");
        await File.WriteAllTextAsync(Path.Combine(_directory, "U3__add_note.sql"), "ALTER TABLE items DROP COLUMN IF EXISTS note;");

        var set = await MigrationScriptFolder.ReadAsync(_directory);

        set.Problems.ShouldBe(["Undo script 'U3__add_note.sql' undoes version 3, but no versioned script has it (V1, V2): rename it after the script it undoes, e.g. U2__add_note.sql for V2__add_note.sql."]);
    }

    [Fact]
    public async Task AnUndoOfAVersionedScript_IsNoProblem()
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, "V2__add_note.sql"), "ALTER TABLE items ADD COLUMN note text;");
        await File.WriteAllTextAsync(Path.Combine(_directory, "U2__add_note.sql"), "ALTER TABLE items DROP COLUMN IF EXISTS note;");

        (await MigrationScriptFolder.ReadAsync(_directory)).Problems.ShouldBeEmpty();
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
