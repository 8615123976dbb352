using Runway.Targets;

sealed partial class Build
{
    Target Preparation => _ => _
        .Description("Checks the release, configuration, tools and backups before anything changes")
        .Executes(() => NotYetAvailable(nameof(Preparation)));

    Target Canary => _ => _
        .Description("Deploys the release to a canary pool and analyses its metrics")
        .DependsOn(Preparation)
        .Executes(() => NotYetAvailable(nameof(Canary)));

    Target Rollout50 => _ => _
        .Description("Shifts half of the traffic to the new release")
        .DependsOn(Canary)
        .Executes(() => NotYetAvailable(nameof(Rollout50)));

    Target RolloutFull => _ => _
        .Description("Shifts all traffic to the new release")
        .DependsOn(Rollout50)
        .Executes(() => NotYetAvailable(nameof(RolloutFull)));

    Target Migration => _ => _
        .Description("Backs up the database, verifies the backup and applies the schema migrations")
        .DependsOn(RolloutFull)
        .Executes(() => NotYetAvailable(nameof(Migration)));

    Target Validation => _ => _
        .Description("Runs smoke tests and checks the checklist items against the live release")
        .DependsOn(Migration)
        .Executes(() => NotYetAvailable(nameof(Validation)));

    Target Deploy => _ => _
        .Description("Runs every phase, Preparation to Validation")
        .DependsOn(Validation);

    Target Rollback => _ => _
        .Description("Returns traffic and schema to the previous release")
        .Executes(() => NotYetAvailable(nameof(Rollback)));

    // Phases must fail loudly until they are implemented, never pretend to succeed.
    static void NotYetAvailable(string target) =>
        throw new NotSupportedException($"{target} is not yet available in this version of Runway.");
}
