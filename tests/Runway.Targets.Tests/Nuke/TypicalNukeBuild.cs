// A typical Nuke build.cs, written from Nuke's documentation (fundamentals: build anatomy, target definitions,
// parameters) with a dozen targets and every definition method. Compared with the Nuke original only these
// lines differ: `using Nuke.Common;` became `using Runway.Targets;` and `: NukeBuild` became `: BuildBase`.
// (The namespace, the `Executed` list and the `RecordFor` helper are test scaffolding, not Nuke differences.)
#nullable disable // Nuke's build template does not enable nullable reference types
#pragma warning disable CS0649 // parameters are set by injection, as in Nuke
#pragma warning disable IDE0044
using Runway.Targets;
using Serilog;

namespace Runway.Targets.Tests.Nuke;

class TypicalNukeBuild : BuildBase
{
    public static int Main() => Execute<TypicalNukeBuild>(x => x.Compile);

    public enum Configuration { Debug, Release }

    [Parameter("Configuration to build - Default is 'Debug' (local) or 'Release' (server)")]
    readonly Configuration BuildConfiguration = IsLocalBuild ? Configuration.Debug : Configuration.Release;

    [Parameter] [Secret] readonly string NuGetApiKey;

    [Parameter("Fail the tests, to see failure handling")]
    readonly bool BreakTests;

    [Parameter] readonly string[] Frameworks = ["net10.0"];

    public readonly List<string> Executed = new();

    protected override void OnBuildInitialized() => Log.Information("Building {Configuration}", BuildConfiguration);

    Target Clean => _ => _
        .Description("Deletes the output folders")
        .Before(Restore)
        .Executes(RecordFor("Clean"));

    Target Restore => _ => _
        .Executes(RecordFor("Restore"));

    Target Lint => _ => _
        .Unlisted()
        .DependentFor(Compile)
        .Executes(RecordFor("Lint"));

    Target Compile => _ => _
        .DependsOn(Restore)
        .Executes(async () =>
        {
            await Task.Yield();
            Executed.Add("Compile");
        });

    Target Test => _ => _
        .DependsOn(Compile)
        .ProceedAfterFailure()
        .Executes(() =>
        {
            Executed.Add("Test");
            if (BreakTests) throw new InvalidOperationException("2 tests failed");
        });

    Target Coverage => _ => _
        .TriggeredBy(Test)
        .OnlyWhenDynamic(() => Executed.Contains("Test"))
        .Executes(RecordFor("Coverage"));

    Target Pack => _ => _
        .DependsOn(Compile)
        .After(Test)
        .Executes(RecordFor("Pack"));

    Target Push => _ => _
        .DependsOn(Pack)
        .Requires(() => NuGetApiKey)
        .Requires(() => BuildConfiguration == Configuration.Release)
        .Executes(RecordFor("Push"));

    Target GenerateSite => _ => _
        .DependentFor(Site)
        .Executes(RecordFor("GenerateSite"));

    Target Site => _ => _
        .OnlyWhenStatic(() => IsServerBuild)
        .Executes(RecordFor("Site"));

    Target Docs => _ => _
        .DependsOn(Compile)
        .OnlyWhenStatic(() => IsServerBuild)
        .WhenSkipped(DependencyBehavior.Execute)
        .Executes(RecordFor("Docs"));

    Target Announce => _ => _
        .Executes(RecordFor("Announce"));

    Target Release => _ => _
        .DependsOn(Push, Test)
        .Triggers(Announce)
        .Executes(RecordFor("Release"));

    Target Report => _ => _
        .AssuredAfterFailure()
        .After(Release, Test, Pack)
        .Executes(RecordFor("Report"));

    Action RecordFor(string target) => () => Executed.Add(target);
}
