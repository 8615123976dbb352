namespace Runway.Ledger;

/// <summary>
/// This run no longer holds its environment (the lock's connection broke, e.g. the ledger's server restarted, or a
/// newer run took the environment with a higher fence). The run stops and changes nothing more.
/// </summary>
public sealed class LockLostException(string environment, long fence, string cause, Exception? inner = null)
    : InvalidOperationException(Describe(environment, fence, cause), inner)
{
    /// <summary>The environment whose lock was lost.</summary>
    public string Environment { get; } = environment;

    /// <summary>The fence this run held.</summary>
    public long Fence { get; } = fence;

    private static string Describe(string environment, long fence, string cause) =>
        $"Lost the lock on environment '{environment}' (fence {fence}): {cause}. This run stops now and changes nothing more " +
        "(no ledger write, no traffic change, no rollback without the lock). Another run may hold the environment now: see ./build.sh Status, " +
        "then resume with ./build.sh Deploy --version <release> or roll back with ./build.sh Rollback.";
}
