namespace Runway.Targets.Tests.Support;

/// <summary>A test build that records what ran and every lifecycle hook, in order.</summary>
internal abstract class RecordingBuild : BuildBase
{
    public List<string> Ran { get; } = [];

    public List<string> Hooks { get; } = [];

    protected Action Record(string name) => () => Ran.Add(name);

    protected static Action Fail(string message) => () => throw new InvalidOperationException(message);

    protected override void OnBuildInitialized() => Hooks.Add("BuildInitialized");
    protected override void OnTargetRunning(string target) => Hooks.Add($"Running {target}");
    protected override void OnTargetSucceeded(string target) => Hooks.Add($"Succeeded {target}");
    protected override void OnTargetFailed(string target, Exception error) => Hooks.Add($"Failed {target}: {error.Message}");
    protected override void OnTargetSkipped(string target, string reason) => Hooks.Add($"Skipped {target}: {reason}");
    protected override void OnBuildFinished(bool succeeded) => Hooks.Add($"BuildFinished {succeeded}");
}
