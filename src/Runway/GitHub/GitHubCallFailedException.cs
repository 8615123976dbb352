namespace Runway.GitHub;

/// <summary>
/// A GitHub call failed after the resilience pipeline gave up. The message says which call, on which
/// repository, why, and what to do; it never contains the token.
/// </summary>
public sealed class GitHubCallFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GitHubCallFailedException(string operation, string repository, string reason, string fix, Exception? inner)
        : base($"GitHub call '{operation}' on {repository} failed: {reason}. {fix}", inner)
    {
        Operation = operation;
        Repository = repository;
    }

    /// <summary>The call that failed, e.g. <c>create deployment</c>.</summary>
    public string Operation { get; }

    /// <summary>The repository as <c>owner/name</c>.</summary>
    public string Repository { get; }
}
