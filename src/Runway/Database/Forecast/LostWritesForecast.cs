using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Runway.Database.Forecast;

/// <summary>Rows of one table written since a backup: what restoring the backup would take away.</summary>
/// <param name="Table">Schema-qualified table name.</param>
/// <param name="Writes">Rows inserted, updated and deleted since the backup.</param>
public sealed record TableLoss(string Table, TableWrites Writes);

/// <summary>
/// What a restore of a backup would lose: per table, the rows written since the backup was taken (and not by the
/// migration the restore takes back), from the difference of the write counters.
/// </summary>
/// <remarks>
/// Conservative by construction: the statistics count every row version written, including rows written and deleted
/// again, so the forecast may be larger than the rows actually lost, never smaller while the counters are intact. The
/// counters can restart (<c>pg_stat_reset()</c>, a single table's reset, a crash of the server): when the database's
/// <c>stats_reset</c> differs from the backup's or any counter went down, the forecast is <see cref="Unknown"/> and
/// counts as non-zero, so a restore then always needs an explicit decision.
/// </remarks>
/// <param name="Tables">Every table with writes since the backup, largest first.</param>
/// <param name="Unknown">Why the counters cannot be compared, or null when they can.</param>
/// <param name="WalBytes">WAL written by the whole server since the backup (other databases included), or null when unknown.</param>
public sealed record LostWritesForecast(IReadOnlyList<TableLoss> Tables, string? Unknown, long? WalBytes)
{
    /// <summary>Rows written since the backup, in every table.</summary>
    public long Rows => Tables.Sum(t => t.Writes.Total);

    /// <summary>True only when the counters are comparable and nothing was written since the backup.</summary>
    public bool IsZero => Unknown is null && Rows == 0;

    /// <summary>
    /// The forecast between <paramref name="atBackup"/> and <paramref name="now"/>, less what
    /// <paramref name="migrationWrites"/> says the migration itself wrote (a restore takes those back on purpose).
    /// </summary>
    public static LostWritesForecast Compute(WriteCounters atBackup, WriteCounters now, IReadOnlyDictionary<string, TableWrites>? migrationWrites = null)
    {
        var wal = WalDifference(atBackup.WalLsn, now.WalLsn);
        if (atBackup.StatsReset != now.StatsReset)
            return new([], $"the database's statistics were reset at {now.StatsReset:O} (after the backup), so writes since it cannot be counted", wal);
        var tables = new List<TableLoss>();
        foreach (var (table, current) in now.Tables)
        {
            var before = atBackup.Tables.GetValueOrDefault(table) ?? new TableWrites(0, 0, 0);
            var since = current.Since(before);
            if (since.Inserted < 0 || since.Updated < 0 || since.Deleted < 0)
                return new([], $"the write counters of {table} went down since the backup (statistics reset), so writes since it cannot be counted", wal);
            var ours = migrationWrites?.GetValueOrDefault(table);
            if (ours is not null) since = Clamp(since.Since(ours));
            if (since.Total > 0) tables.Add(new TableLoss(table, since));
        }
        return new([.. tables.OrderByDescending(t => t.Writes.Total).ThenBy(t => t.Table, StringComparer.Ordinal)], null, wal);
    }

    /// <summary>Per table, what <paramref name="after"/> counted that <paramref name="before"/> had not: the writes of a window.</summary>
    public static IReadOnlyDictionary<string, TableWrites> Between(WriteCounters before, WriteCounters after) =>
        after.Tables.ToDictionary(t => t.Key, t => Clamp(t.Value.Since(before.Tables.GetValueOrDefault(t.Key) ?? new TableWrites(0, 0, 0))), StringComparer.Ordinal);

    /// <summary>One paragraph for people: the figures per table, or why they are unknown.</summary>
    public string Describe(string database)
    {
        if (Unknown is not null) return $"How much a restore of {database} would lose is unknown: {Unknown}.";
        if (IsZero) return $"A restore of {database} would lose nothing: no row was written since the backup.";
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"A restore of {database} would lose {Rows} row write(s) made since the backup:");
        foreach (var table in Tables)
            text.Append(CultureInfo.InvariantCulture,
                $"{Environment.NewLine}  {table.Table}: {table.Writes.Inserted} inserted, {table.Writes.Updated} updated, {table.Writes.Deleted} deleted");
        return text.ToString();
    }

    /// <summary>The forecast as the ledger records it.</summary>
    public JsonObject ToJson() => new()
    {
        ["rows"] = Unknown is null ? Rows : null,
        ["unknown"] = Unknown,
        ["walBytes"] = WalBytes,
        ["tables"] = new JsonObject(Tables.Select(t => KeyValuePair.Create(t.Table, (JsonNode?)new JsonObject
        {
            ["inserted"] = t.Writes.Inserted, ["updated"] = t.Writes.Updated, ["deleted"] = t.Writes.Deleted,
        }))),
    };

    private static TableWrites Clamp(TableWrites writes) =>
        new(Math.Max(0, writes.Inserted), Math.Max(0, writes.Updated), Math.Max(0, writes.Deleted));

    private static long? WalDifference(string from, string to) =>
        Lsn(from) is { } a && Lsn(to) is { } b ? b - a : null;

    private static long? Lsn(string text)
    {
        var parts = text.Split('/');
        return parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var high)
            && long.TryParse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var low)
            ? (high << 32) + low : null;
    }
}
