namespace Runway.Database.Migrations;

/// <summary>Compares the scripts on disk with the history: what is due, and what has drifted.</summary>
internal static class MigrationPlanner
{
    public static MigrationPlan Plan(MigrationScriptSet set, IReadOnlyList<AppliedMigration> history)
    {
        var applied = history.Where(h => h.Success).ToList();
        var versioned = applied.Where(h => h.Version is not null)
            .GroupBy(h => MigrationVersion.TryParse(h.Version!)).Where(g => g.Key is not null && !IsUndo(g.Last())).ToDictionary(g => g.Key!, g => g.Last());
        var repeatable = applied.Where(h => h.Version is null).GroupBy(h => h.Script, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var problems = set.Problems.Concat(VersionedDrift(set.Scripts, versioned)).Concat(MissingRepeatables(set.Scripts, repeatable)).ToList();
        var due = set.Scripts.Select(s => Due(s, versioned, repeatable)).OfType<PlannedMigration>().ToList();
        return new MigrationPlan(due, problems);
    }

    // An undo recorded after its version's script makes the version pending again, as in Flyway.
    private static bool IsUndo(AppliedMigration row) => row.Script.StartsWith('U');

    private static PlannedMigration? Due(MigrationScript script, Dictionary<MigrationVersion, AppliedMigration> versioned, Dictionary<string, AppliedMigration> repeatable)
    {
        if (!script.IsRepeatable) return versioned.ContainsKey(script.Version!) ? null : new PlannedMigration(script, MigrationReason.Pending);
        if (!repeatable.TryGetValue(script.FileName, out var last)) return new PlannedMigration(script, MigrationReason.Pending);
        return last.Checksum == script.Checksum ? null : new PlannedMigration(script, MigrationReason.ChecksumChanged);
    }

    private static IEnumerable<string> VersionedDrift(IReadOnlyList<MigrationScript> scripts, Dictionary<MigrationVersion, AppliedMigration> versioned)
    {
        var byVersion = scripts.Where(s => !s.IsRepeatable).GroupBy(s => s.Version!).ToDictionary(g => g.Key, g => g.First());
        foreach (var (version, row) in versioned)
        {
            if (!byVersion.TryGetValue(version, out var script))
                yield return $"Applied migration {row.Script} (version {row.Version}) is missing from the scripts folder: restore the file; applied scripts must stay.";
            else if (script.Checksum != row.Checksum)
                yield return $"Applied migration {script.FileName} has changed since it ran: checksum applied {row.Checksum}, file now {script.Checksum}. Revert the file and put the change in a new versioned script.";
        }
    }

    private static IEnumerable<string> MissingRepeatables(IReadOnlyList<MigrationScript> scripts, Dictionary<string, AppliedMigration> repeatable)
    {
        var names = scripts.Where(s => s.IsRepeatable).Select(s => s.FileName).ToHashSet(StringComparer.Ordinal);
        return repeatable.Keys.Where(name => !names.Contains(name)).Order(StringComparer.Ordinal)
            .Select(name => $"Applied repeatable migration {name} is missing from the scripts folder: restore the file.");
    }
}
