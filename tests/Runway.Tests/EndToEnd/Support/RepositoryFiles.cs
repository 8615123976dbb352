using System.Text.Json;
using System.Text.Json.Nodes;
using Runway.Testing;

namespace Runway.Tests.EndToEnd.Support;

/// <summary>
/// The files an adopting repository holds, laid out as this repository's: the neutral <c>.nuke/parameters.json</c>,
/// the profiles <c>local</c> (run when no <c>--profile</c> is named) and <c>gated</c> as committed here, and copies of
/// <c>deploy/</c> (the examples) and <c>samples/</c> (the sample's contract, probes, checklist and migrations, where the
/// local profile points). So every story deploys through the real local profile and its file paths; the test's own
/// settings (free ports, a short bake, this repository's projects) are laid over it.
/// </summary>
internal static class RepositoryFiles
{
    /// <summary>Where the local profile's migrations are in an adopting repository, as in this one.</summary>
    public const string MigrationsDirectory = "samples/deploy/migrations";

    public static void Write(string directory, LocalPorts ports, IReadOnlyDictionary<string, JsonNode?>? extra)
    {
        Directory.CreateDirectory(Path.Combine(directory, ".nuke"));
        File.WriteAllText(Path.Combine(directory, ".gitignore"), ".nuke/temp/\n");
        // Ports and replicas are this machine's, not the sample's: every profile gets them, the example's included.
        WriteProfile(directory, "parameters.json", Machine(ports));
        // The gated profile enforces the sign-offs that the local one waives.
        foreach (var profile in new[] { "parameters.local.json", "parameters.gated.json" })
            WriteProfile(directory, profile, Overlaid(Committed(profile), extra));
        Copy(Path.Combine(RepositoryRoot.Path, "deploy"), Path.Combine(directory, "deploy"));
        Copy(Path.Combine(RepositoryRoot.Path, "samples"), Path.Combine(directory, "samples"));
    }

    private static JsonObject Machine(LocalPorts ports)
    {
        var parameters = Committed("parameters.json");
        parameters["Replicas"] = 2;
        parameters["PostgresPort"] = ports.Postgres;
        parameters["RouterPort"] = ports.Router;
        parameters["RouterAdminPort"] = ports.RouterAdmin;
        parameters["StagingRouterPort"] = ports.StagingRouter;
        parameters["StagingRouterAdminPort"] = ports.StagingRouterAdmin;
        parameters["RouterProject"] = Path.Combine(RepositoryRoot.Path, "src", "Runway.Router", "Runway.Router.csproj");
        return parameters;
    }

    private static JsonObject Overlaid(JsonObject profile, IReadOnlyDictionary<string, JsonNode?>? extra)
    {
        if (profile["WaiveSignOffs"] is not null) profile["WaiveSignOffs"] = "end-to-end test repository: no people to sign off";
        profile["BakeTime"] = "6s";
        profile["AnalysisInterval"] = "2s";
        profile["MinRequests"] = 20;
        profile["ServiceProject"] = Path.Combine(RepositoryRoot.Path, "src", "Runway.Sample", "Runway.Sample.csproj");
        foreach (var (name, value) in extra ?? new Dictionary<string, JsonNode?>())
            profile[name] = value?.DeepClone();
        return profile;
    }

    private static JsonObject Committed(string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, ".nuke", file)))!.AsObject();

    private static void WriteProfile(string directory, string file, JsonObject parameters) =>
        File.WriteAllText(Path.Combine(directory, ".nuke", file), parameters.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var folder in Directory.GetDirectories(from))
            Copy(folder, Path.Combine(to, Path.GetFileName(folder)));
    }
}
