using Runway.GitHub;
using Runway.GitHub.Workflows;
using Runway.Targets;

/// <summary>
/// GitHub: the release gate, deployment statuses and the checklist issue (on when the repository and token are set),
/// and the staged workflows generated from the attributes below.
/// </summary>
// Environments: the profiles in .nuke/parameters.<profile>.json (a test fails when they differ).
[GitHubActionsDeploy("deploy", Environments = ["production", "gated"], ImportSecrets = ["LedgerConnectionString", "DatabaseConnectionString", "ServiceToken"])]
[GitHubActionsRollback("rollback", Environments = ["production", "gated"], ImportSecrets = ["LedgerConnectionString", "DatabaseConnectionString", "ServiceToken"])]
sealed partial class Build
{
    [Parameter("GitHub repository as owner/name (empty: GITHUB_REPOSITORY in Actions when a token is set, else GitHub off)")]
    readonly string? GitHubRepository = null;

    [Parameter("GitHub API base URL: https://api.github.com/ or an Enterprise server's https://host/api/v3/ (empty: GITHUB_API_URL in Actions)")]
    readonly string? GitHubApiUrl = null;

    [Parameter("GitHub token with contents, deployments and issues write access (empty: GitHub off)"), Secret]
    readonly string? GitHubToken = null;

    [Parameter("Create the release tag on the release commit when it is missing")]
    readonly bool GitHubCreateTag = false;

    [Parameter("Open pull requests with this label block the release")]
    readonly string GitHubBlockingLabel = "blocks-release";

    [Parameter("GenerateWorkflows: fail when the committed workflows differ from the attributes, instead of writing them")]
    readonly bool Check = false;

    Target GenerateWorkflows => _ => _
        .Description("Writes .github/workflows/ from the [GitHubActions…] attributes on Build (--check: fails on drift, writes nothing)")
        .Executes(() =>
        {
            if (!Check)
            {
                foreach (var path in WorkflowGenerator.Write(typeof(Build), RootDirectory)) Logger.Information("Wrote {Workflow}", path);
                return;
            }
            var drift = WorkflowGenerator.FindDrift(typeof(Build), RootDirectory);
            if (drift.Count > 0)
                throw new InvalidOperationException($"The committed workflows are not what Build's attributes generate: {string.Join(", ", drift)}. Run ./build.sh GenerateWorkflows and commit the result.");
            Logger.Information("The committed workflows match Build's attributes");
        });

    // A workflow passes only the token: Actions says which repository and server the job runs for.
    GitHubOptions? GitHub
    {
        get
        {
            var token = Blank(GitHubToken);
            var repository = Blank(GitHubRepository) ?? (token is null ? null : Blank(System.Environment.GetEnvironmentVariable("GITHUB_REPOSITORY")));
            if (repository is null && token is null) return null;
            if (repository is null || token is null)
                throw new InvalidOperationException(
                    $"GitHub is half configured: the {(repository is null ? "repository (--github-repository)" : "token (--github-token or RUNWAY_GITHUB_TOKEN)")} is missing. Set both, or neither to turn GitHub off.");
            var apiText = Blank(GitHubApiUrl) ?? Blank(System.Environment.GetEnvironmentVariable("GITHUB_API_URL")) ?? GitHubOptions.GitHubComApi.ToString();
            if (!Uri.TryCreate(apiText.EndsWith('/') ? apiText : apiText + "/", UriKind.Absolute, out var apiUrl))
                throw new InvalidOperationException($"--github-api-url '{apiText}' is not an absolute URL. Use https://api.github.com/ or https://<server>/api/v3/.");
            var options = new GitHubOptions { Repository = repository, Token = token, ApiBaseUrl = apiUrl };
            options.Validate();
            return options;
        }
    }

    // In GitHub Actions, each job's statuses link to its run.
    static Uri? ActionsRunUrl =>
        (System.Environment.GetEnvironmentVariable("GITHUB_SERVER_URL"), System.Environment.GetEnvironmentVariable("GITHUB_REPOSITORY"), System.Environment.GetEnvironmentVariable("GITHUB_RUN_ID")) is
            ({ Length: > 0 } server, { Length: > 0 } repository, { Length: > 0 } run)
            && Uri.TryCreate($"{server.TrimEnd('/')}/{repository}/actions/runs/{run}", UriKind.Absolute, out var url) ? url : null;

    ReleaseGateOptions ReleaseGate => new() { CreateTagIfMissing = GitHubCreateTag, BlockingLabel = GitHubBlockingLabel };
}
