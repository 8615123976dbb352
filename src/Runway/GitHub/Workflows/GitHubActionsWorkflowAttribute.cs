namespace Runway.GitHub.Workflows;

/// <summary>
/// What every generated workflow shares: its file name, the runner, the environment input and the secrets
/// passed to <c>build.sh</c>. Put a derived attribute on the build class; <see cref="WorkflowGenerator"/> reads it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public abstract class GitHubActionsWorkflowAttribute(string name) : Attribute
{
    /// <summary>The workflow's file name without extension: <c>.github/workflows/&lt;Name&gt;.yml</c>.</summary>
    public string Name { get; } = name;

    /// <summary>The runner label every job runs on. Default <c>ubuntu-latest</c>.</summary>
    public string RunsOn { get; set; } = "ubuntu-latest";

    /// <summary>The <c>environment</c> input's default, which is also the profile passed to <c>build.sh</c>. Default <c>production</c>.</summary>
    public string DefaultEnvironment { get; set; } = "production";

    /// <summary>The environments offered as choices; empty makes the input free text. Default empty.</summary>
    public string[] Environments { get; set; } = [];

    /// <summary>
    /// Build parameters (PascalCase member names) read from repository secrets of the same UPPER_SNAKE name with a
    /// <c>RUNWAY_</c> prefix, e.g. <c>LedgerConnectionString</c> → <c>RUNWAY_LEDGER_CONNECTION_STRING</c>.
    /// </summary>
    public string[] ImportSecrets { get; set; } = ["LedgerConnectionString"];

    /// <summary>Pass the workflow's own token as <c>RUNWAY_GITHUB_TOKEN</c> (and grant it the permissions Runway uses). Default true.</summary>
    public bool EnableGitHubToken { get; set; } = true;

    /// <summary>
    /// The concurrency group; <c>{environment}</c> stands for the chosen environment. Deploy and rollback must share it
    /// (one run per environment; a rollback cancels a deploy, never the reverse). Default <c>runway-{environment}</c>.
    /// </summary>
    public string ConcurrencyGroup { get; set; } = "runway-{environment}";

    /// <summary>
    /// The GitHub environment every job that runs the build names: it holds the <see cref="ImportSecrets"/> per
    /// environment and has no required reviewers (a rollback must not wait; the deploy's reviewers gate its approval
    /// job instead); restrict it to your default branch. <c>{environment}</c> stands for the chosen environment; empty
    /// names none (secrets then come from the repository). Default <c>{environment}-runway</c>.
    /// </summary>
    public string JobEnvironment { get; set; } = "{environment}-runway";

    /// <summary>
    /// Let Actions create a GitHub deployment for each job that names an environment (a bare <c>environment:</c> name).
    /// Default false: jobs say <c>deployment: false</c>, so the release's only deployment is Runway's. Set it only for
    /// environments with custom deployment protection rules (GitHub Apps), which need Actions' deployment object.
    /// </summary>
    public bool ActionsCreateDeployments { get; set; }

    /// <summary>The bootstrap script jobs run. Default <c>./build.sh</c>.</summary>
    public string BuildScript { get; set; } = "./build.sh";
}
