using Runway.Targets;

sealed partial class Build
{
    Target Test => _ => _
        .Description("Builds the solution once and runs every test project; ends with `N passed, N failed`")
        .Executes(async cancellationToken =>
        {
            await Dotnet.RunAsync(RootDirectory, ["build", "Runway.slnx", "--nologo", "-v", "q"], Logger, cancellationToken);
            var projects = TestProjects.In(Path.Combine(RootDirectory, "Runway.slnx"));
            var summary = new TestSummary(projects.Select(p => p.Name).ToList());
            // The end-to-end project is the long pole: it starts at once, and the small projects run one after another
            // beside it. `dotnet test` on the solution ran two projects at a time in solution order, so the long pole
            // waited for the router's and the sample's tests.
            var longest = projects.Where(p => p.Name == LongestTestProject).ToList();
            await Task.WhenAll(
                Dotnet.TestEachAsync(RootDirectory, longest, summary, Logger, cancellationToken),
                Dotnet.TestEachAsync(RootDirectory, projects.Except(longest).ToList(), summary, Logger, cancellationToken));
            // The totals go out plain, alone on their line, where CI and people look for them; also kept for .ci/run.
            Console.Out.WriteLine(summary.ToString());
            await File.WriteAllTextAsync(Path.Combine(TemporaryDirectory, "test-summary.txt"), summary + "\n", cancellationToken);
            summary.EnsureSuccess();
            await EnsureSchemaCommittedAsync(cancellationToken);
        });

    const string LongestTestProject = "Runway.Tests";

    // The engine rewrites .nuke/build.schema.json from the parameters on every run. A stale committed copy would
    // leave a fresh clone's tree dirty, and Preparation refuses a dirty tree: so a stale schema fails the tests.
    async Task EnsureSchemaCommittedAsync(CancellationToken cancellationToken)
    {
        var diff = await Runway.Processes.ProcessRunner.RunAsync(
            new Runway.Processes.ProcessSpec("git", ["diff", "--quiet", "--", ".nuke/build.schema.json"]) { WorkingDirectory = RootDirectory }, cancellationToken);
        if (diff.ExitCode == 1)
            throw new InvalidOperationException(".nuke/build.schema.json changed with the parameters: commit it (the engine regenerated it on this run).");
    }
}
