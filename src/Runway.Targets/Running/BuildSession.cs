using Runway.Targets.Definitions;
using Runway.Targets.Execution;
using Runway.Targets.Logging;
using Runway.Targets.Output;
using Runway.Targets.Parameters;
using Runway.Targets.Planning;
using Serilog.Core;

namespace Runway.Targets.Running;

/// <summary>A run whose parameters are bound: owns the logger, plans, executes and prints the summary.</summary>
internal sealed class BuildSession
{
    private readonly BuildBase _build;
    private readonly BoundParameters _bound;
    private readonly EngineOptions _options;
    private readonly RunnerEnvironment _environment;
    private readonly SecretMasker _masker;
    private readonly ConsoleFrames _frames;
    private readonly string _runId;

    public BuildSession(BuildBase build, BoundParameters bound, EngineOptions options, string root, RunnerEnvironment environment)
    {
        (_build, _bound, _options, _environment) = (build, bound, options, environment);
        _masker = new SecretMasker(bound.SecretValues);
        _frames = new ConsoleFrames(environment.Writer, _masker, options.Verbosity == Verbosity.Quiet, build.OutputIsData ? environment.ErrorWriter : null)
        {
            GitHubGroups = environment.IsGitHubActions,
        };
        _runId = environment.RunId ?? Guid.NewGuid().ToString("N")[..8];
        build.Initialize(root, _runId, environment.IsInteractive, Serilog.Core.Logger.None, bound.SecretValues);
        build.SetParameterOrigins(bound.Origins);
        build.SetParameterValues(ParameterRecord.Of(bound.Parameters, build));
        Catalog = TargetCatalog.Discover(build);
        SchemaFile.Update(root, ParameterSchema.Generate(bound.Parameters, Catalog.Nodes.Select(n => n.Name).ToList()));
    }

    private TargetCatalog Catalog { get; }

    public int ShowPlan(IReadOnlyList<string> invoked)
    {
        var plan = ExecutionPlanner.Plan(Catalog, invoked, _options.Skip);
        var path = Path.Combine(_build.TemporaryDirectory, "plan.mmd");
        Directory.CreateDirectory(_build.TemporaryDirectory);
        File.WriteAllText(path, PlanText.Mermaid(Catalog, plan));
        _frames.Data(PlanText.Render(plan) + $"\nMermaid graph written to {Path.GetRelativePath(_build.RootDirectory, path)}\n");
        return ExitCodes.Succeeded;
    }

    public async Task<int> RunAsync(IReadOnlyList<string> invoked, CancellationToken cancellationToken)
    {
        var current = new CurrentTargetEnricher(_runId);
        var logFile = LogFilePath();
        LogRetention.Prune(Path.GetDirectoryName(logFile)!, Math.Max(_build.LogsToKeep, 1));
        using var logger = BuildLogger.Create(new LoggerSettings(_environment.Console, _environment.UseColours, _options.Verbosity, logFile)
        {
            ErrorConsole = _environment.Console is null ? null : _environment.ErrorWriter,
            AllToStandardError = _build.OutputIsData,
        }, current, _masker);
        _build.Initialize(_build.RootDirectory, _runId, _environment.IsInteractive, logger);
        if (!_options.NoLogo) _frames.Header(_runId, Path.GetRelativePath(_build.RootDirectory, logFile));
        var succeeded = Initialized(logger)
            ? await PlanAndExecuteAsync(invoked, logger, current, cancellationToken).ConfigureAwait(false)
            : NothingRan(logger, invalid: false);
        return succeeded switch { true => ExitCodes.Succeeded, false => ExitCodes.Failed, null => ExitCodes.Invalid };
    }

    private bool Initialized(Logger logger)
    {
        try
        {
            _build.RaiseBuildInitialized();
            return true;
        }
        catch (Exception error)
        {
            // The reason is what people need (it names the input); the exception's detail stays in the log file.
            logger.Error(error, "{Reason}", error.Message);
            return false;
        }
    }

    // Null when nothing ran because the plan is invalid.
    private async Task<bool?> PlanAndExecuteAsync(IReadOnlyList<string> invoked, Logger logger, CurrentTargetEnricher current, CancellationToken token)
    {
        ExecutionPlan plan;
        try
        {
            plan = ExecutionPlanner.Plan(Catalog, invoked, _options.Skip);
            Requirements.ThrowIfMissing(plan, _bound.Parameters, _build);
        }
        catch (PlanningException error)
        {
            logger.Error("{Reason}", error.Message);
            return NothingRan(logger, invalid: true);
        }
        var results = await new TargetExecutor(_build, logger, current, _frames, _environment.Time).RunAsync(plan, token).ConfigureAwait(false);
        var succeeded = Finished(results.All(r => r.IsFine), logger);
        _frames.Summary(SummaryTable.Render(results, succeeded, _environment.Time.GetLocalNow()), succeeded);
        return succeeded;
    }

    // Nothing ran (initialisation failed, or the plan is invalid): the hook, then the verdict alone.
    private bool? NothingRan(Logger logger, bool invalid)
    {
        Finished(false, logger);
        _frames.Verdict("\n" + SummaryTable.Verdict(false, _environment.Time.GetLocalNow()) + "\n");
        return invalid ? null : false;
    }

    // OnBuildFinished runs before the summary, so whatever it logs (releasing a lock, disposing) comes before the
    // verdict, and the verdict is the run's last line. A hook that throws fails the build.
    private bool Finished(bool succeeded, Logger logger)
    {
        try
        {
            _build.RaiseBuildFinished(succeeded);
            return succeeded;
        }
        catch (Exception error)
        {
            logger.Error(error, "OnBuildFinished failed: {Reason}", error.Message);
            return false;
        }
    }

    private string LogFilePath()
    {
        var stamp = _environment.Time.GetUtcNow().ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        return Path.Combine(_build.TemporaryDirectory, "logs", $"{stamp}-{_runId}.clef");
    }
}
