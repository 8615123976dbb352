using Runway.Targets;

sealed partial class Build
{
    Target Test => _ => _
        .Description("Builds the solution once and runs every test project; ends with `N passed, N failed`")
        .Executes(async cancellationToken =>
        {
            await Dotnet.RunAsync(RootDirectory, ["build", "Runway.slnx", "--nologo", "-v", "q"], Logger, cancellationToken);
            var summary = await Dotnet.TestAsync(RootDirectory, ["test", "Runway.slnx", "--no-build", "--nologo"], Logger, cancellationToken);
            // The totals go out plain, alone on their line, where CI and people look for them; also kept for .ci/run.
            Console.Out.WriteLine(summary.ToString());
            await File.WriteAllTextAsync(Path.Combine(TemporaryDirectory, "test-summary.txt"), summary + "\n", cancellationToken);
            summary.EnsureSuccess();
        });
}
