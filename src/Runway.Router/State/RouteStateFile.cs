using System.Text.Json;
using Runway.Router.Routing;

namespace Runway.Router.State;

/// <summary>
/// The route table on disk, so a restarted router serves the same split. Written to a temporary file and renamed over
/// the old one, so a crash mid-write leaves either the old table or the new one, never half of each.
/// </summary>
public sealed class RouteStateFile(string path)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The file's path.</summary>
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>The saved table; <see cref="RouteTable.Empty"/> when the file does not exist yet.</summary>
    public async Task<RouteTable> LoadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path))
        {
            return RouteTable.Empty;
        }

        try
        {
            await using var stream = File.OpenRead(Path);
            var saved = await JsonSerializer.DeserializeAsync<SavedTable>(stream, Json, cancellationToken);
            var (pools, error) = RouteTableValidator.Validate(new RouteTableRequest(saved?.Pools));
            return pools is null
                ? throw new RouteStateException($"State file {Path} holds an invalid table: {error} Fix or delete the file.")
                : new RouteTable(saved!.Generation, pools);
        }
        catch (JsonException ex)
        {
            throw new RouteStateException($"State file {Path} is not valid JSON ({ex.Message}). Fix or delete the file.");
        }
    }

    /// <summary>Replaces the saved table atomically (write a temporary file, then rename it over the old one).</summary>
    public async Task SaveAsync(RouteTable table, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var temporary = $"{Path}.{Environment.ProcessId}.tmp";
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            await JsonSerializer.SerializeAsync(stream, table, Json, cancellationToken);
            await stream.FlushAsync(cancellationToken);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path, overwrite: true);
    }

    private sealed record SavedTable(long Generation, IReadOnlyList<PoolRouteRequest?>? Pools);
}
