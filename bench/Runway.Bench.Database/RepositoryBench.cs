using System.Diagnostics;
using System.Globalization;
using System.Text;
using Runway.Database;
using Runway.Database.Backups.Repository;
using Runway.Database.Forecast;
using Runway.Processes;

namespace Runway.Bench.Database;

/// <summary>
/// Runway's backup repository against s3cmd, uploading and downloading the same archive to the same S3-compatible
/// server (s3rver on loopback), and the time of the lost-writes forecast on the generated database.
/// </summary>
/// <param name="generatedBytes">The size of the database the backup bench already generated; null generates it here.</param>
internal sealed class RepositoryBench(LocalCluster cluster, string directory, BenchSettings settings, long? generatedBytes = null)
{
    private const string Source = "bench_source";
    private const string Bucket = "bench";
    private readonly List<(TimeSpan Runway, TimeSpan S3cmd)> _uploads = [];
    private readonly List<(TimeSpan Runway, TimeSpan S3cmd)> _downloads = [];
    private readonly List<TimeSpan> _forecasts = [];
    private long _databaseBytes;
    private long _archiveBytes;

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        if (generatedBytes is { } bytes) _databaseBytes = bytes;
        else
        {
            await cluster.EnsureDatabaseAsync(Source, cancellationToken);
            Console.WriteLine($"Generating a database of at least {settings.SizeMb} MB …");
            _databaseBytes = await DataGenerator.FillAsync(cluster.ConnectionString(Source), settings.SizeMb, cancellationToken);
        }
        await ForecastAsync(cancellationToken);
        var archive = ArchiveFile(settings.S3SizeMb);
        _archiveBytes = new FileInfo(archive).Length;
        var s3 = Path.Combine(directory, "s3");
        var port = FreePort.Next();
        using var server = StartS3rver(s3, port);
        using var repository = (S3BackupRepository)new BackupRepositoryOptions($"s3://{Bucket}/runway", $"http://127.0.0.1:{port}", "S3RVER", "S3RVER").Create();
        for (var round = 1; round <= settings.Rounds; round++)
            await RoundAsync(round, repository, archive, port, cancellationToken);
        server.Kill();
        return Markdown();
    }

    private async Task ForecastAsync(CancellationToken cancellationToken)
    {
        var connection = cluster.ConnectionString(Source);
        var atBackup = await WriteCounters.ReadAsync(connection, cancellationToken);
        await using (var source = Npgsql.NpgsqlDataSource.Create(connection))
            await DataGenerator.ExecuteAsync(source, "CREATE TABLE IF NOT EXISTS bench_after (id int); INSERT INTO bench_after SELECT generate_series(1, 1000)", cancellationToken);
        for (var i = 0; i < 10; i++)
        {
            LostWritesForecast forecast = null!;
            _forecasts.Add(await Timing.MeasureAsync(async () => forecast = LostWritesForecast.Compute(atBackup, await WriteCounters.ReadAsync(connection, cancellationToken))));
            if (i == 0) Console.WriteLine($"  forecast: {forecast.Describe(Source).Split('\n')[0]}");
        }
        Console.WriteLine($"  forecast on {_databaseBytes / 1048576} MB: median {Timing.Seconds(Timing.Median(_forecasts))}");
    }

    private async Task RoundAsync(int round, S3BackupRepository repository, string archive, int port, CancellationToken cancellationToken)
    {
        var runwayFirst = round % 2 == 1;
        var key = $"s3cmd/{Path.GetFileName(archive)}";
        Func<Task<TimeSpan>> runwayUp = () => Timing.MeasureAsync(() => repository.UploadAsync(archive, cancellationToken));
        Func<Task<TimeSpan>> s3cmdUp = () => Timing.MeasureAsync(() => S3cmdAsync(port, cancellationToken, "put", archive, $"s3://{Bucket}/{key}"));
        var up = runwayFirst ? (await runwayUp(), await s3cmdUp()) : Swap(await s3cmdUp(), await runwayUp());
        var (runwayCopy, s3cmdCopy) = (archive + ".runway", archive + ".s3cmd");
        Func<Task<TimeSpan>> runwayDown = () => Timing.MeasureAsync(() => repository.DownloadAsync($"s3://{Bucket}/runway/{Path.GetFileName(archive)}", runwayCopy, cancellationToken));
        Func<Task<TimeSpan>> s3cmdDown = () => Timing.MeasureAsync(() => S3cmdAsync(port, cancellationToken, "get", "--force", $"s3://{Bucket}/{key}", s3cmdCopy));
        var down = runwayFirst ? (await runwayDown(), await s3cmdDown()) : Swap(await s3cmdDown(), await runwayDown());
        _uploads.Add(up);
        _downloads.Add(down);
        Console.WriteLine($"  round {round}: upload Runway {Timing.Seconds(up.Item1)} | s3cmd {Timing.Seconds(up.Item2)}; download Runway {Timing.Seconds(down.Item1)} | s3cmd {Timing.Seconds(down.Item2)}");
        File.Delete(runwayCopy);
        File.Delete(s3cmdCopy);
    }

    // Random bytes: S3 stores them as they are, so the transfer costs what an uncompressed -Z0 archive of this size costs.
    private string ArchiveFile(int sizeMb)
    {
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "bench_archive.dump");
        using var stream = File.Create(file);
        var block = new byte[1 << 20];
        for (var i = 0; i < sizeMb; i++)
        {
            Random.Shared.NextBytes(block);
            stream.Write(block);
        }
        return file;
    }

    private static Process StartS3rver(string directory, int port)
    {
        Directory.CreateDirectory(directory);
        var info = new ProcessStartInfo("s3rver") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-d", directory, "-a", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "--configure-bucket", Bucket, "--silent" })
            info.ArgumentList.Add(argument);
        var process = Process.Start(info)!;
        for (var i = 0; i < 600 && !Listening(port); i++) Thread.Sleep(100);
        return process;
    }

    private static bool Listening(int port)
    {
        try
        {
            using var client = new System.Net.Sockets.TcpClient();
            client.Connect(System.Net.IPAddress.Loopback, port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private static async Task S3cmdAsync(int port, CancellationToken cancellationToken, params string[] arguments) =>
        (await ProcessRunner.RunAsync(new ProcessSpec("s3cmd", [.. S3cmdConnection(port), .. arguments]), cancellationToken)).EnsureSuccess();

    private static string[] S3cmdConnection(int port) =>
        ["-c", "/dev/null", "--access_key=S3RVER", "--secret_key=S3RVER", $"--host=127.0.0.1:{port}", $"--host-bucket=127.0.0.1:{port}", "--no-ssl", "--region=us-east-1"];

    private static (TimeSpan Runway, TimeSpan S3cmd) Swap(TimeSpan s3cmd, TimeSpan runway) => (runway, s3cmd);

    private string Markdown()
    {
        var text = new StringBuilder();
        text.AppendLine("## database-repository").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Reproduce: `{settings.Command}` (this section; `--repository-only` runs it alone; needs `s3rver` and `s3cmd`; one PostgreSQL 15 cluster and one s3rver on loopback).");
        text.AppendLine(CultureInfo.InvariantCulture, $"Measured {TimeProvider.System.GetUtcNow():yyyy-MM-dd} on {Environment.ProcessorCount} cores shared with other work; {settings.Rounds} rounds, the order alternating.").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"| {_archiveBytes / 1048576} MB archive to s3rver | s3cmd | Runway (AWSSDK.S3: 8 parallel parts up, 8 parallel ranges down) | difference |").AppendLine("| --- | --- | --- | --- |");
        text.AppendLine(Row("upload", _uploads)).AppendLine(Row("download", _downloads)).AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Lost-writes forecast (read every table's write counters, compare with the backup's) on the generated {_databaseBytes / 1048576} MB database: median {Timing.Seconds(Timing.Median(_forecasts))} of {_forecasts.Count}, fastest {Timing.Seconds(_forecasts.Min())}.");
        return text.ToString();
    }

    private static string Row(string step, List<(TimeSpan Runway, TimeSpan S3cmd)> rounds)
    {
        var (runway, s3cmd) = (rounds.Select(r => r.Runway).ToList(), rounds.Select(r => r.S3cmd).ToList());
        return $"| {step} | {Timing.Seconds(Timing.Median(s3cmd))} / {Timing.Seconds(s3cmd.Min())} | {Timing.Seconds(Timing.Median(runway))} / {Timing.Seconds(runway.Min())} | " +
               $"{Timing.Percent(Timing.Median(runway), Timing.Median(s3cmd))} |";
    }
}
