using System.Text;

namespace Runway.Files;

/// <summary>
/// Writes files so that a reader (or a rerun after a crash) sees the old content or the new one, never a torn one:
/// the bytes go to a temporary file beside the target (created with the final mode, so a key is never readable by
/// others even for a moment), are flushed to disk, and the temporary file is renamed over the target.
/// </summary>
public static class AtomicFile
{
    /// <summary>Owner read and write only: for keys and other secrets.</summary>
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Writes <paramref name="text"/> (UTF-8, no byte order mark) to <paramref name="path"/> atomically.</summary>
    public static void WriteAllText(string path, string text, UnixFileMode? mode = null)
    {
        var temporary = TemporaryFor(path);
        try
        {
            using (var stream = new FileStream(temporary, Options(mode)))
            {
                stream.Write(new UTF8Encoding(false).GetBytes(text));
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Like <see cref="WriteAllText"/>, asynchronously.</summary>
    public static async Task WriteAllTextAsync(string path, string text, CancellationToken cancellationToken = default, UnixFileMode? mode = null)
    {
        var temporary = TemporaryFor(path);
        try
        {
            await using (var stream = new FileStream(temporary, Options(mode)))
            {
                await stream.WriteAsync(new UTF8Encoding(false).GetBytes(text), cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>
    /// A temporary name beside <paramref name="path"/> (same folder, so the rename stays on one file system) for a
    /// writer that is not this class, such as <c>pg_dump --file</c>; finish with <see cref="Commit"/>.
    /// </summary>
    public static string TemporaryFor(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid().ToString("N")[..8]}.tmp");
    }

    /// <summary>Flushes <paramref name="temporary"/> to disk and renames it over <paramref name="path"/>.</summary>
    public static void Commit(string temporary, string path)
    {
        using (var stream = new FileStream(temporary, FileMode.Open, FileAccess.ReadWrite))
            stream.Flush(flushToDisk: true);
        File.Move(temporary, path, overwrite: true);
    }

    private static FileStreamOptions Options(UnixFileMode? mode)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (mode is { } unix && !OperatingSystem.IsWindows()) options.UnixCreateMode = unix;
        return options;
    }
}
