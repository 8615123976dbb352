using Runway.GitHub.Workflows;

namespace Runway.Tests.GitHub.Workflows;

[GitHubActionsDeploy("deploy", Environments = ["production", "staging"], PhaseEnvironments = ["Preparation={environment}-preflight"])]
[GitHubActionsRollback("rollback")]
internal sealed class StagedBuild;

[GitHubActionsDeploy("deploy", PhaseEnvironments = ["Canary=prod"], Phases = ["Preparation"])]
internal sealed class MisconfiguredBuild;

[GitHubActionsDeploy("deploy")]
[GitHubActionsRollback("deploy")]
internal sealed class DuplicateNamesBuild;
