using System.Globalization;
using Runway.Canary;
using Runway.Checklists.Checks;
using Runway.Environments;

namespace Runway.Phases;

/// <summary>
/// Checks every parameter's range before a run starts anything (no cluster, lock, pool or ledger write), and names
/// each bad one with its value, where it came from, and what it must be.
/// </summary>
public static partial class SettingsValidation
{
    private sealed record Rule(string Member, string Option, Func<PipelineSettings, object> Value, Func<PipelineSettings, bool> Valid, string Expected);

    private static readonly Rule[] Rules =
    [
        // Checked here, not only by Preparation's release-identified: a version that cannot exist must not reach the ledger.
        new("Version", "version", s => s.Release, s => s.Release.Length == 0 || ReleaseIdentifiedCheck.IsSemVer(s.Release),
            "a SemVer version (MAJOR.MINOR.PATCH, e.g. 2.4.0)"),
        new("CanaryWeight", "canary-weight", s => s.CanaryWeight, s => s.CanaryWeight is >= 1 and <= 99, "a whole percentage from 1 to 99"),
        new("Replicas", "replicas", s => s.Replicas, s => s.Replicas >= 1, "at least 1"),
        new("Alpha", "alpha", s => s.Canary.Alpha, s => s.Canary.Alpha is > 0 and < 1, "between 0 and 1, exclusive (e.g. 0.05)"),
        new("LoadRate", "load-rate", s => s.LoadRequestsPerSecond, s => s.LoadRequestsPerSecond > 0 && double.IsFinite(s.LoadRequestsPerSecond), "more than 0 requests per second"),
        new("BakeTime", "bake-time", s => s.Canary.BakeDuration, s => s.Canary.BakeDuration > TimeSpan.Zero, "more than 0 (e.g. 30m)"),
        new("AnalysisInterval", "analysis-interval", s => s.Canary.Interval, s => s.Canary.Interval > TimeSpan.Zero && s.Canary.Interval <= s.Canary.BakeDuration,
            "more than 0 and at most the bake time"),
        new("MinRequests", "min-requests", s => s.Canary.MinRequestsPerPool, s => s.Canary.MinRequestsPerPool >= 1, "at least 1"),
        new("MaxErrorRateIncrease", "max-error-rate-increase", s => s.Canary.MaxErrorRateIncrease, s => s.Canary.MaxErrorRateIncrease is >= 0 and < 1, "from 0 to 1, 1 excluded"),
        new("MaxLatencyIncrease", "max-latency-increase", s => s.Canary.MaxLatencyIncreaseRatio, s => s.Canary.MaxLatencyIncreaseRatio >= 1, "at least 1 (a ratio)"),
        new("SpendingGamma", "spending-gamma", s => s.Canary.SpendingGamma, s => double.IsFinite(s.Canary.SpendingGamma), "a finite number (e.g. -4; 0 spends evenly)"),
        new("MaxMeasurementErrors", "max-measurement-errors", s => s.Canary.MaxConsecutiveMeasurementErrors, s => s.Canary.MaxConsecutiveMeasurementErrors >= 1, "at least 1"),
        new("ErrorRateLimit", "error-rate-limit", s => s.Limits.MaxErrorRate, s => s.Limits.MaxErrorRate is >= 0 and < 1, "from 0 to 1, 1 excluded"),
        new("LatencyLimit", "latency-limit", s => s.Limits.MaxLatency, s => s.Limits.MaxLatency > TimeSpan.Zero, "more than 0"),
        new("SampleErrorRate", "sample-error-rate", s => s.SampleErrorRate, s => s.SampleErrorRate is >= 0 and <= 1, "from 0 to 1"),
        new("SampleExtraLatencyMs", "sample-extra-latency-ms", s => s.SampleExtraLatencyMs, s => s.SampleExtraLatencyMs >= 0, "0 or more"),
        new("KeepBackups", "keep-backups", s => s.KeepBackups, s => s.KeepBackups >= 1, "at least 1 (the newest backup is always kept)"),
        Port("PostgresPort", "postgres-port", s => s.PostgresPort),
        Port("RouterPort", "router-port", s => s.RouterPort),
        Port("RouterAdminPort", "router-admin-port", s => s.RouterAdminPort),
        Port("StagingRouterPort", "staging-router-port", s => s.StagingRouterPort),
        Port("StagingRouterAdminPort", "staging-router-admin-port", s => s.StagingRouterAdminPort),
    ];

    /// <summary>Every out-of-range parameter, described; empty when all are valid.</summary>
    /// <param name="settings">The run's settings.</param>
    /// <param name="origin">Where a parameter (by member name, e.g. <c>CanaryWeight</c>) got its value.</param>
    public static IReadOnlyList<string> Problems(PipelineSettings settings, Func<string, string> origin)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(origin);
        return [.. Rules.Where(r => !r.Valid(settings)).Select(r =>
            $"--{r.Option} is {Text(r.Value(settings))} (from {origin(r.Member)}); it must be {r.Expected}."),
            .. ConnectionProblems(settings, origin), .. BaselineChoice.Problems(settings, origin),
            .. settings.BackupRepository?.Problems(origin) ?? [], .. BackupFolderProblems(settings, origin), .. EnvironmentNameProblems(settings, origin)];
    }

    // A connection string is a secret: a broken one is described, never shown. The local runtime runs its own cluster,
    // so one given there would be ignored: refused instead, saying which runtime would use it.
    private static IEnumerable<string> ConnectionProblems(PipelineSettings settings, Func<string, string> origin)
    {
        (string Member, string Option, string? Value)[] connections =
        [
            ("LedgerConnectionString", "ledger-connection-string", settings.LedgerConnectionString),
            ("DatabaseConnectionString", "database-connection-string", settings.DatabaseConnectionString),
        ];
        foreach (var (member, option, value) in connections)
        {
            if (string.IsNullOrWhiteSpace(value)) continue;
            if (!IsConnectionString(value))
                yield return $"--{option} (from {origin(member)}) is not a PostgreSQL connection string (its value is secret and not shown); " +
                             "it must look like Host=db.example.com;Port=5432;Database=runway;Username=runway;Password=….";
            else if (TopologyFactory.Kind(settings).Runtime == "local")
                yield return $"--{option} is set (from {origin(member)}), but the local pool runtime runs its own PostgreSQL cluster and would ignore it; " +
                             "remove it, or deploy through the platform commands (--deploy-pool-command, --remove-pool-command, --set-weights-command, " +
                             "--read-instances-command), which use it.";
        }
    }

    // The name becomes folders, a database name and the ledger's key: it must stay one folder name, and not be empty.
    private static IEnumerable<string> EnvironmentNameProblems(PipelineSettings settings, Func<string, string> origin)
    {
        if (!EnvironmentName().IsMatch(settings.Environment))
            yield return $"--environment is '{settings.Environment}' (from {origin("Environment")}); it must be a name of letters, digits, '-', '_' or '.', " +
                         "starting with a letter or digit, at most 63 characters (e.g. production).";
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$")]
    private static partial System.Text.RegularExpressions.Regex EnvironmentName();

    // A folder repository in the working tree makes the next deployment's git-clean fail, and its fix ("commit them")
    // would put database dumps in git; .nuke/temp is Runway's own, ignored by git.
    private static IEnumerable<string> BackupFolderProblems(PipelineSettings settings, Func<string, string> origin)
    {
        if (settings.BackupRepository is not { IsFolder: true } repository) yield break;
        var folder = Path.GetFullPath(repository.Target);
        if (Inside(folder, settings.RootDirectory) && !Inside(folder, settings.TemporaryDirectory))
            yield return $"--backup-repository is {repository.Target} (from {origin("BackupRepository")}), a folder inside the repository: its backups would block " +
                         "the next deployment's git-clean, or be committed. Use a folder outside it (a shared mount) or s3://bucket/prefix.";
    }

    private static bool Inside(string path, string folder)
    {
        var relative = Path.GetRelativePath(Path.GetFullPath(folder), path);
        return relative == "." || (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative));
    }

    private static bool IsConnectionString(string value)
    {
        try
        {
            return new Npgsql.NpgsqlConnectionStringBuilder(value).Host is { Length: > 0 };
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Throws <see cref="InvalidSettingsException"/> listing every out-of-range parameter.</summary>
    public static void Validate(PipelineSettings settings, Func<string, string> origin)
    {
        var problems = Problems(settings, origin);
        if (problems.Count > 0)
            throw new InvalidSettingsException(
                "Refused before anything started: " + string.Join(" ", problems) + " Fix the value where it comes from and run again.");
    }

    private static Rule Port(string member, string option, Func<PipelineSettings, int> value) =>
        new(member, option, s => value(s), s => value(s) is >= 1 and <= 65535, "a TCP port from 1 to 65535");

    private static string Text(object value) => value switch
    {
        TimeSpan t => HumanDuration.Format(t),
        double d => d.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

/// <summary>A parameter is out of range; the message names each, its value and source, and the allowed range.</summary>
public sealed class InvalidSettingsException(string message) : InvalidOperationException(message);
