namespace Runway.Targets.Running;

/// <summary>Process exit codes of a run.</summary>
internal static class ExitCodes
{
    /// <summary>Every scheduled target succeeded or was skipped (or help/plan was shown).</summary>
    public const int Succeeded = 0;

    /// <summary>A target failed, was aborted, or did not run because of an earlier failure.</summary>
    public const int Failed = 1;

    /// <summary>Nothing ran: the command line, a parameter or the target declarations are invalid.</summary>
    public const int Invalid = 2;
}
