using System.Linq.Expressions;
using Runway.Targets.Running;

namespace Runway.Targets;

/// <summary>Base of a build class: declare <see cref="Target"/> properties and <c>[Parameter]</c> members, then <c>Execute&lt;Build&gt;(x =&gt; x.Default)</c>.</summary>
public abstract class BuildBase
{
    private Serilog.ILogger? _logger;

    /// <summary>True when the build runs on a CI server (as Nuke's): <c>CI</c>, <c>GITHUB_ACTIONS</c>, <c>TF_BUILD</c>, <c>TEAMCITY_VERSION</c>, <c>GITLAB_CI</c>, <c>JENKINS_URL</c>, <c>BUILDKITE</c> or <c>APPVEYOR</c> is set.</summary>
    public static bool IsServerBuild => RunnerEnvironment.IsServer(CurrentVariables.Value ?? RunnerEnvironment.ProcessVariables());

    // Static as in Nuke (usable in parameter initialisers); the runner sets the run's variables for this flow.
    internal static readonly AsyncLocal<IReadOnlyDictionary<string, string>?> CurrentVariables = new();

    /// <summary>The opposite of <see cref="IsServerBuild"/>: a person's machine.</summary>
    public static bool IsLocalBuild => !IsServerBuild;

    /// <summary>The folder holding <c>.nuke/</c> (found upward from the working directory, or <c>--root</c>).</summary>
    public string RootDirectory { get; private set; } = Directory.GetCurrentDirectory();

    /// <summary><see cref="RootDirectory"/>/.nuke/temp: state and logs, ignored by git.</summary>
    public string TemporaryDirectory => Path.Combine(RootDirectory, ".nuke", "temp");

    /// <summary>Identifies this run in logs and records.</summary>
    public string RunId { get; private set; } = "";

    /// <summary>True in a terminal a person watches, false in CI (environment variable <c>CI</c> set) or with redirected output.</summary>
    public bool IsInteractive { get; private set; }

    /// <summary>The values of this run's <c>[Secret]</c> parameters: for proving that no output holds them. Never print them.</summary>
    public IReadOnlyList<string> SecretValues { get; private set; } = [];

    /// <summary>
    /// Where a parameter's value came from, for messages: e.g. <c>--canary-weight on the command line</c>,
    /// <c>RUNWAY_CANARY_WEIGHT in the environment</c>, <c>CanaryWeight in .nuke/parameters.json</c>, or <c>the default</c>.
    /// </summary>
    /// <param name="memberName">The parameter's member name, e.g. <c>nameof(CanaryWeight)</c>.</param>
    public string ParameterOrigin(string memberName) => _origins.TryGetValue(memberName, out var origin) ? origin : "the default";

    private IReadOnlyDictionary<string, string> _origins = new Dictionary<string, string>();

    /// <summary>
    /// The exact value of every parameter this run bound, keyed by its name in <c>.nuke/parameters.json</c>, as text
    /// (<c>20 s</c>, <c>true</c>, <c>a,b</c>); a set <c>[Secret]</c> reads <c>*****</c>, an unset value is null. For recording
    /// what a run ran with.
    /// </summary>
    public IReadOnlyDictionary<string, string?> ParameterValues { get; private set; } = new Dictionary<string, string?>();

    /// <summary>The run's logger: masks secrets and carries <c>RunId</c> and the current <c>Target</c>.</summary>
    public Serilog.ILogger Logger => _logger ?? Serilog.Core.Logger.None;

    /// <summary>
    /// <c>RUNWAY_*</c> environment variables that are not parameters but that this build, its tests or its tools read
    /// (e.g. a snapshot switch). Every other <c>RUNWAY_*</c> variable must name a parameter, or the run fails, so a
    /// misspelt <c>RUNWAY_VERSON</c> never leaves a default in force silently.
    /// </summary>
    protected internal virtual IReadOnlyCollection<string> AcceptedVariables => [];

    /// <summary>
    /// The profiles applied when the command line names none (<c>--profile</c>), each only if its
    /// <c>.nuke/parameters.&lt;name&gt;.json</c> exists. Nuke has no such thing: a bare run there is
    /// <c>parameters.json</c> alone. With a default profile, <c>parameters.json</c> can stay the neutral base every
    /// profile inherits while a bare <c>./build.sh</c> still runs the default one; <c>--profile X</c> replaces it.
    /// </summary>
    protected internal virtual IReadOnlyList<string> DefaultProfiles => [];

    /// <summary>
    /// True when this run's standard output is data for a program (e.g. <c>Status --json</c>): the engine then writes
    /// its header, target frames, summary and verdict to standard error too, so the output parses. Read after binding.
    /// Errors and warnings always go to standard error.
    /// </summary>
    protected internal virtual bool OutputIsData => false;

    /// <summary>
    /// How many run logs <c>.nuke/temp/logs</c> keeps, this run's included: older ones are deleted when a run starts.
    /// Read after binding, so a build can make it a parameter. At least 1.
    /// </summary>
    protected internal virtual int LogsToKeep => 30;

    /// <summary>
    /// Whether <paramref name="error"/> is a refusal rather than a failure: the target declined to act before changing
    /// anything (e.g. another run holds the environment). A refused target is logged as <c>X refused: reason</c> and
    /// shown as <c>Refused</c>; nothing after it runs, not even targets assured after a failure; the build fails.
    /// </summary>
    protected internal virtual bool IsRefusal(Exception error) => false;

    /// <summary>
    /// How a target's error reads in the run's failure line (<c>X failed: …</c>, <c>X refused: …</c>): its message by
    /// default. A build overrides it to say what a library's own words leave out, e.g. which of its database connections
    /// refused, where that setting came from and the fix.
    /// </summary>
    protected internal virtual string DescribeFailure(Exception error) => error.Message;

    /// <summary>Runs the targets named on the command line, or <paramref name="defaultTargets"/>; returns the process exit code.</summary>
    protected static int Execute<T>(params Expression<Func<T, Target>>[] defaultTargets) where T : BuildBase, new()
    {
        using var signals = new CancellationSignals();
        var defaults = defaultTargets.Select(TargetName).ToList();
        var args = Environment.GetCommandLineArgs().Skip(1).ToList();
        return new BuildRunner(RunnerEnvironment.FromProcess()).RunAsync(() => new T(), defaults, args, signals.Token).GetAwaiter().GetResult();
    }

    /// <summary>Called once parameters are bound, before any target runs.</summary>
    protected virtual void OnBuildInitialized() { }

    /// <summary>Called when a target starts its work.</summary>
    protected virtual void OnTargetRunning(string target) { }

    /// <summary>Called when a target finished its work.</summary>
    protected virtual void OnTargetSucceeded(string target) { }

    /// <summary>Called when a target threw.</summary>
    protected virtual void OnTargetFailed(string target, Exception error) { }

    /// <summary>Called when a target is skipped, with the reason shown in the summary.</summary>
    protected virtual void OnTargetSkipped(string target, string reason) { }

    /// <summary>Called last, whether the build succeeded or not.</summary>
    protected virtual void OnBuildFinished(bool succeeded) { }

    internal static string TargetName<T>(Expression<Func<T, Target>> expression) =>
        expression.Body is MemberExpression member
            ? member.Member.Name
            : throw new ArgumentException($"Name a default target as x => x.Target, not `{expression.Body}`.", nameof(expression));

    internal void Initialize(string rootDirectory, string runId, bool isInteractive, Serilog.ILogger logger, IReadOnlyList<string>? secretValues = null)
    {
        SecretValues = secretValues ?? SecretValues;
        RootDirectory = rootDirectory;
        RunId = runId;
        IsInteractive = isInteractive;
        _logger = logger;
    }

    internal void SetParameterOrigins(IReadOnlyDictionary<string, string>? origins) => _origins = origins ?? _origins;

    internal void SetParameterValues(IReadOnlyDictionary<string, string?> values) => ParameterValues = values;

    internal void RaiseBuildInitialized() => OnBuildInitialized();
    internal void RaiseTargetRunning(string target) => OnTargetRunning(target);
    internal void RaiseTargetSucceeded(string target) => OnTargetSucceeded(target);
    internal void RaiseTargetFailed(string target, Exception error) => OnTargetFailed(target, error);
    internal void RaiseTargetSkipped(string target, string reason) => OnTargetSkipped(target, reason);
    internal void RaiseBuildFinished(bool succeeded) => OnBuildFinished(succeeded);
}
