using System.Globalization;
using System.Text.Json.Nodes;
using Runway.Database.Backups;

namespace Runway.Phases;

/// <summary>Evidence records shared by several steps.</summary>
internal static class Evidence
{
    public static JsonObject Of(BackupRecord backup, long? backupId = null) => new()
    {
        ["backupId"] = backupId,
        ["file"] = Path.GetFileName(backup.File),
        ["database"] = backup.Database,
        ["bytes"] = backup.SizeBytes,
        ["sha256"] = backup.Sha256,
        ["dumpSeconds"] = Math.Round(backup.Duration.TotalSeconds, 3),
        ["serverVersion"] = backup.ServerVersion,
        ["takenAt"] = backup.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
        ["verified"] = backup.Verified,
    };

    public static JsonObject Weights(IReadOnlyDictionary<string, int> weights) =>
        new() { ["weights"] = new JsonObject(weights.Select(w => KeyValuePair.Create(w.Key, (JsonNode?)w.Value))) };
}
