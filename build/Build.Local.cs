using Runway.Targets;

/// <summary>Parameters of the local topology (profile local): ports, replicas, and deliberate misbehaviour for demos.</summary>
sealed partial class Build
{
    // A bare ./build.sh runs profile local (the sample, on this machine); .nuke/parameters.json stays the neutral base
    // that --profile production and every other profile inherit.
    protected override IReadOnlyList<string> DefaultProfiles => ["local"];

    [Parameter("The local PostgreSQL cluster's port")]
    readonly int PostgresPort = 55432;

    [Parameter("The local router's port: the URL users reach")]
    readonly int RouterPort = 5080;

    [Parameter("The local router's admin port")]
    readonly int RouterAdminPort = 5081;

    [Parameter("The local staging router's port")]
    readonly int StagingRouterPort = 5090;

    [Parameter("The local staging router's admin port")]
    readonly int StagingRouterAdminPort = 5091;

    [Parameter("Replicas per release pool")]
    readonly int Replicas = 4;

    [Parameter("Makes the release being deployed answer 500 to this fraction of API requests (to show a failing canary)")]
    readonly double SampleErrorRate = 0;

    [Parameter("Adds this many milliseconds to the release's API requests")]
    readonly int SampleExtraLatencyMs = 0;

    [Parameter("Runs a synthetic load through the router while the canary bakes")]
    readonly bool SyntheticLoad = true;

    [Parameter("The synthetic load's rate, requests per second")]
    readonly double LoadRate = 60;
}
