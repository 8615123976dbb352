using Runway.Targets;

sealed partial class Build
{
    Target Test => _ => _
        .Description("Builds the solution once and runs every test project")
        .Executes(async cancellationToken =>
        {
            var results = Path.Combine(TemporaryDirectory, "test-results");
            await Dotnet.RunAsync(RootDirectory, ["build", "Runway.slnx", "--nologo", "-v", "q"], Logger, cancellationToken);
            var summary = await Dotnet.TestAsync(RootDirectory, ["test", "Runway.slnx", "--no-build", "--nologo", "--results-directory", results], Logger, cancellationToken);
            Logger.Information("{Summary}", summary.ToString());
            summary.EnsureSuccess();
        });
}
