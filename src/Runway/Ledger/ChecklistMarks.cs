using System.Text.Json.Nodes;
using Npgsql;

namespace Runway.Ledger;

/// <summary>
/// Checklist marks: every closing of a checklist item (done with evidence, signed off, waived) for a release in an
/// environment. Marks are only ever added; the latest per item is what counts.
/// </summary>
public sealed class ChecklistMarks(LedgerDatabase database)
{
    private const string Columns = "environment, release, deployment_id, item_id, kind, marked_by, at, note, evidence::text";

    /// <summary>Records a mark and appends its event.</summary>
    public Task RecordAsync(ChecklistMark mark, CancellationToken cancellationToken = default) =>
        database.InTransactionAsync(async (connection, token) =>
        {
            await InsertAsync(connection, database, mark, token).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>Inserts a mark (masked) and appends its event inside the caller's transaction.</summary>
    internal static async Task InsertAsync(NpgsqlConnection connection, LedgerDatabase database, ChecklistMark mark, CancellationToken token)
    {
        mark = mark with { Note = database.Masker.ApplyOrNull(mark.Note), Evidence = database.Masker.Apply(mark.Evidence) };
        await Sql.ExecuteAsync(connection, """
            INSERT INTO runway.checklist_marks (environment, release, deployment_id, item_id, kind, marked_by, at, note, evidence)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """, token, mark.Environment, mark.Release, mark.DeploymentId, mark.ItemId, mark.Kind, mark.By, mark.At.ToUniversalTime(),
            mark.Note, mark.Evidence).ConfigureAwait(false);
        await EventChain.AppendAsync(connection, database.Now(), LedgerEventTypes.ChecklistMarked, mark.Environment, mark.DeploymentId, new JsonObject
        {
            ["release"] = mark.Release, ["itemId"] = mark.ItemId, ["kind"] = mark.Kind.ToString(), ["by"] = mark.By,
            ["note"] = mark.Note, ["evidence"] = mark.Evidence?.DeepClone(),
        }, token).ConfigureAwait(false);
    }

    /// <summary>Every mark for the release in the environment, oldest first.</summary>
    public Task<IReadOnlyList<ChecklistMark>> GetAsync(string environment, string release, CancellationToken cancellationToken = default) =>
        database.ReadAsync((connection, token) => Sql.QueryAsync(connection,
            $"SELECT {Columns} FROM runway.checklist_marks WHERE environment = $1 AND release = $2 ORDER BY at, id",
            Map, token, environment, release), cancellationToken);

    /// <summary>The latest mark of each item for the release in the environment, ordered by item id.</summary>
    public Task<IReadOnlyList<ChecklistMark>> GetLatestPerItemAsync(string environment, string release, CancellationToken cancellationToken = default) =>
        database.ReadAsync((connection, token) => Sql.QueryAsync(connection, $"""
            SELECT DISTINCT ON (item_id) {Columns} FROM runway.checklist_marks
            WHERE environment = $1 AND release = $2 ORDER BY item_id, at DESC, id DESC
            """, Map, token, environment, release), cancellationToken);

    private static ChecklistMark Map(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.NullableInt64(2), r.GetString(3), r.Enum<ChecklistMarkKind>(4), r.GetString(5),
        r.Timestamp(6), r.NullableString(7), r.NullableJson(8));
}
