using System.Diagnostics;

namespace Runway.Database.Backups;

/// <summary>
/// TEST ONLY: when the environment variable <c>RUNWAY_TEST_KILL_RESTORE_AT</c> names a point of the restore
/// (<c>staging-restored</c>, <c>live-moved</c>, <c>safety-dumped</c>, <c>swapped</c>, or any of them with
/// <c>-recorded</c> for the moment after the ledger heard of it), the process kills itself there with SIGKILL, as a
/// crash would, so the tests can prove that a rerun finds and repairs every interrupted swap. Never set it elsewhere.
/// </summary>
internal static class RestoreFaults
{
    public const string Variable = "RUNWAY_TEST_KILL_RESTORE_AT";

    public static void At(string point)
    {
        if (!string.Equals(Environment.GetEnvironmentVariable(Variable), point, StringComparison.Ordinal)) return;
        Console.Error.WriteLine($"{Variable}: killing the process at {point}");
        Console.Error.Flush();
        Process.GetCurrentProcess().Kill();
    }
}
