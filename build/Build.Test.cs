using Runway.Targets;

sealed partial class Build
{
    Target Test => _ => _
        .Description("Builds the solution once and runs every test project")
        .Executes(async cancellationToken =>
        {
            await Dotnet.RunAsync(RootDirectory, ["build", "Runway.slnx", "--nologo", "-v", "q"], Logger, cancellationToken);
            var summary = await Dotnet.TestAsync(RootDirectory, ["test", "Runway.slnx", "--no-build", "--nologo"], Logger, cancellationToken);
            Logger.Information("{Summary}", summary.ToString());
            summary.EnsureSuccess();
        });
}
