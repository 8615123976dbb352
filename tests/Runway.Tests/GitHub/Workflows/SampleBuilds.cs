using Runway.GitHub.Workflows;

namespace Runway.Tests.GitHub.Workflows;

[GitHubActionsDeploy("deploy", Environments = ["production", "staging"], ApprovalEnvironment = "{environment}-approval")]
[GitHubActionsRollback("rollback", Environments = ["production", "staging"])]
internal sealed class StagedBuild;

[GitHubActionsDeploy("deploy", Phases = ["Canary", "canary"])]
internal sealed class MisconfiguredBuild;

[GitHubActionsDeploy("deploy")]
[GitHubActionsRollback("deploy")]
internal sealed class DuplicateNamesBuild;

[GitHubActionsDeploy("deploy")]
[GitHubActionsRollback("rollback", JobEnvironment = "{environment}")]
internal sealed class RollbackBehindReviewersBuild;

[GitHubActionsDeploy("deploy", ActionsCreateDeployments = true)]
internal sealed class ActionsDeploymentsBuild;
