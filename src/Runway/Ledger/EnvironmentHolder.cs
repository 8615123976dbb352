namespace Runway.Ledger;

/// <summary>Who asks for an environment: recorded while the lock is held and shown to whoever is refused.</summary>
/// <param name="By">The person or CI job.</param>
/// <param name="Host">The machine.</param>
/// <param name="ProcessId">The process on that machine.</param>
/// <param name="Release">The release being deployed.</param>
public sealed record LockHolder(string By, string Host, int ProcessId, string Release)
{
    /// <summary>A holder for this process on this machine.</summary>
    public static LockHolder ForThisProcess(string by, string release) => new(by, System.Environment.MachineName, System.Environment.ProcessId, release);
}

/// <summary>An environment's recorded holder and since when it holds the environment.</summary>
public sealed record EnvironmentHolder(string Environment, LockHolder Holder, DateTimeOffset Since);

/// <summary>Thrown at once when another run holds the environment.</summary>
public sealed class EnvironmentLockedException(string environment, EnvironmentHolder? holder)
    : InvalidOperationException(Describe(environment, holder))
{
    /// <summary>The environment asked for.</summary>
    public string Environment { get; } = environment;

    /// <summary>The run holding it, when recorded (null in the instant between its lock and its record).</summary>
    public EnvironmentHolder? Holder { get; } = holder;

    private static string Describe(string environment, EnvironmentHolder? holder)
    {
        var who = holder is null
            ? "another run (its details are being recorded; retry to see them)"
            : $"{holder.Holder.By} on {holder.Holder.Host} (pid {holder.Holder.ProcessId}) deploying release {holder.Holder.Release} since {holder.Since:yyyy-MM-dd HH:mm:ss}Z";
        return $"Environment '{environment}' is locked: it is held by {who}. Only one deployment per environment runs at a time. " +
               "Wait for that run to finish and try again; if it crashed, its lock was released with its database connection, " +
               "and if that process still hangs, stop it.";
    }
}
