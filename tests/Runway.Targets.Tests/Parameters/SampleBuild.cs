namespace Runway.Targets.Tests.Parameters;

public enum RolloutStrategy
{
    Canary,
    BlueGreen,
    AllAtOnce,
}

/// <summary>A base class whose parameter must be found through the derived build.</summary>
public class SampleBuildBase
{
    [Parameter("Cloud region")]
    protected string Region = "eu-west-1";

    public string RegionValue => Region;
}

/// <summary>A build with one parameter of every supported type.</summary>
public sealed class SampleBuild : SampleBuildBase
{
    [Parameter("Release to deploy")]
    public string? Version;

    [Parameter("How long the canary bakes")]
    public TimeSpan BakeTime = TimeSpan.FromMinutes(5);

    [Parameter("Optional grace period")]
    public TimeSpan? Grace;

    [Parameter("Plan without changing anything")]
    public bool DryRun;

    [Parameter("Replica count")]
    public int Replicas = 2;

    [Parameter("Optional timeout in seconds")]
    public int? TimeoutSeconds;

    [Parameter("Largest backup in bytes")]
    public long MaxBackupBytes = 1_000_000;

    [Parameter("Allowed error rate")]
    public double ErrorBudget = 0.01;

    [Parameter("Rollout strategy")]
    public RolloutStrategy Strategy = RolloutStrategy.Canary;

    [Parameter("Strategies to try")]
    public RolloutStrategy[] Fallbacks = [];

    [Parameter("Extra regions")]
    public string[] Regions = [];

    [Parameter("Ports to probe")]
    public int[] Ports = [8080];

    [Parameter("Checklist file")]
    public FileInfo? Checklist;

    [Parameter("Output folder")]
    public DirectoryInfo? Output;

    [Parameter("GitHub token"), Secret]
    public string? GitHubToken;

    [Parameter("Vault PIN"), Secret]
    public int VaultPin;

    [Parameter("Deployment environment", Name = "TargetEnvironment")]
    private readonly string _environment = "local";

    [Parameter("Approve without asking")]
    public bool AutoApprove { get; private set; }

    public string EnvironmentValue => _environment;
}
