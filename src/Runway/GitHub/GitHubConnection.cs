using Octokit;
using Polly;
using Runway.GitHub.Resilience;
using Serilog;

namespace Runway.GitHub;

/// <summary>
/// The one way Runway talks to GitHub: every call runs through Octokit's <see cref="IGitHubClient"/>
/// inside the shared resilience pipeline, and a final failure becomes a <see cref="GitHubCallFailedException"/>.
/// </summary>
public sealed class GitHubConnection
{
    private readonly IGitHubClient _client;
    private readonly ResiliencePipeline _pipeline;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    /// <summary>Creates a connection from its parts (an injected client and pipeline; the clock the pipeline uses).</summary>
    public GitHubConnection(IGitHubClient client, GitHubOptions options, ResiliencePipeline pipeline, ILogger logger, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _client = client;
        Options = options;
        _pipeline = pipeline;
        _logger = logger;
    }

    /// <summary>Creates a connection with the standard Octokit client and resilience pipeline.</summary>
    public static GitHubConnection Create(GitHubOptions options, TimeProvider time, ILogger logger, Action<GitHubRetry>? onRetry = null) =>
        new(GitHubClientFactory.Create(options), options, GitHubResilience.Create(options, time, logger, onRetry), logger, time);

    /// <summary>The settings this connection was made with.</summary>
    public GitHubOptions Options { get; }

    /// <summary>Repository owner.</summary>
    public string Owner => Options.Owner;

    /// <summary>Repository name.</summary>
    public string Name => Options.Name;

    /// <summary>
    /// Runs <paramref name="call"/> with retries, budget and circuit breaker. The whole delegate is retried,
    /// so a create must look up first inside it to stay free of duplicates.
    /// </summary>
    /// <exception cref="GitHubCallFailedException">The call failed for good; the message says why and what to do.</exception>
    public async Task<T> CallAsync<T>(string operation, Func<IGitHubClient, Task<T>> call, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(operation, cancellationToken);
        try
        {
            // Octokit takes no token, so WaitAsync lets the budget abandon a hung request.
            return await _pipeline.ExecuteAsync(
                async ctx => await call(_client).WaitAsync(ctx.CancellationToken).ConfigureAwait(false),
                context).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var (reason, fix) = GitHubFailureExplanation.Explain(error, Options, _time);
            _logger.Error("GitHub {Operation} on {Repository} failed: {Reason}", operation, Options.Repository, reason);
            throw new GitHubCallFailedException(operation, Options.Repository, reason, fix, error);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
