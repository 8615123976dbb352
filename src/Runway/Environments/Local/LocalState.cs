using System.Text.Json;

namespace Runway.Environments.Local;

/// <summary>
/// One replica started by Runway: its port and process id, and the process's start time (clock ticks since boot) and
/// command line, so that Down signals it only while that pid is still this process and not a recycled one.
/// </summary>
public sealed record LocalInstance(int Port, int ProcessId, long? StartTime = null, string? CommandLine = null);

/// <summary>The router process serving a local environment (start time and command line as for <see cref="LocalInstance"/>).</summary>
public sealed record LocalRouter(int Port, int AdminPort, int ProcessId, long? StartTime = null, string? CommandLine = null);

/// <summary>
/// What a local environment started, kept on disk so that a later command (Status, Down, the next phase on a
/// rerun) finds the processes again.
/// </summary>
public sealed record LocalState(LocalRouter? Router, IReadOnlyDictionary<string, IReadOnlyList<LocalInstance>> Pools)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>No router and no pools.</summary>
    public static LocalState Empty { get; } = new(null, new Dictionary<string, IReadOnlyList<LocalInstance>>());

    /// <summary>Reads the state file, or <see cref="Empty"/> when there is none.</summary>
    public static LocalState Load(string file) =>
        File.Exists(file) ? JsonSerializer.Deserialize<LocalState>(File.ReadAllText(file), Json) ?? Empty : Empty;

    /// <summary>Writes the state atomically (a temporary file renamed over the old one).</summary>
    public void Save(string file)
    {
        Runway.Files.AtomicFile.WriteAllText(file, JsonSerializer.Serialize(this, Json));
    }

    /// <summary>This state with <paramref name="release"/>'s pool replaced (or removed when null).</summary>
    public LocalState WithPool(string release, IReadOnlyList<LocalInstance>? instances)
    {
        var pools = new Dictionary<string, IReadOnlyList<LocalInstance>>(Pools);
        if (instances is null) pools.Remove(release);
        else pools[release] = instances;
        return this with { Pools = pools };
    }
}
