using Runway.Checklists;
using Runway.Checklists.Reports;
using Runway.Targets;

/// <summary>The team's checklist: sign-offs and waivers by people, and the report with its evidence.</summary>
sealed partial class Build
{
    [Parameter("SignOff: the checklist item's id (./build.sh Checklist lists them)")]
    readonly string? Item = null;

    [Parameter("SignOff: who signs off")]
    readonly string? By = null;

    [Parameter("SignOff: a note kept with the sign-off")]
    readonly string? Note = null;

    [Parameter("SignOff: waive the item instead of signing it off (needs --reason)")]
    readonly bool Waive = false;

    [Parameter("SignOff: why the item is waived")]
    readonly string? Reason = null;

    Target SignOff => _ => _
        .Description("Records a person's sign-off (or, with --waive --reason, a waiver) of a checklist item for the release")
        .Requires(() => Version, () => Item, () => By)
        .Executes(async token =>
        {
            // A sign-off keeps its note where a waiver keeps its reason.
            var request = new SignOffRequest(Item!, By!, Waive, Waive ? Reason : Note);
            var mark = await (await PipelineAsync(token)).SignOffAsync(request, token);
            Logger.Information("{Item} {Kind} by {By} for {Release} in {Environment}", mark.ItemId, mark.Kind, mark.By, Version, Environment);
        });

    Target Checklist => _ => _
        .Description("Prints the checklist of the release with status, owner, who/when and evidence; writes it as Markdown and JSON")
        .Requires(() => Version)
        .Executes(async token =>
        {
            var services = await ServicesAsync(token);
            var state = await services.Checklist.StateAsync(Version!, token);
            Console.Out.Write(ChecklistConsoleReport.Render(state));
            var deployment = await services.Deployments.GetLatestDeploymentAsync(Environment, Version!, token);
            var directory = ChecklistReport.DirectoryFor(TemporaryDirectory, deployment?.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? $"{Environment}-{Version}");
            await ChecklistReport.WriteAsync(directory, state, token);
            Logger.Information("Checklist written to {Directory}", Path.GetRelativePath(RootDirectory, directory));
        });
}
