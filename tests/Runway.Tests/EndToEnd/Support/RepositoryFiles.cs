using System.Text.Json;
using System.Text.Json.Nodes;
using Runway.Testing;

namespace Runway.Tests.EndToEnd.Support;

/// <summary>The files an adopting repository holds: ignore file, parameters and profiles, and a copy of <c>deploy/</c>.</summary>
internal static class RepositoryFiles
{
    public static void Write(string directory, LocalPorts ports, IReadOnlyDictionary<string, JsonNode?>? extra)
    {
        Directory.CreateDirectory(Path.Combine(directory, ".nuke"));
        File.WriteAllText(Path.Combine(directory, ".gitignore"), ".nuke/temp/\n");
        File.WriteAllText(Path.Combine(directory, ".nuke", "parameters.json"), Parameters(ports, extra).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        // The gated profile enforces the sign-offs that the local one waives.
        File.WriteAllText(Path.Combine(directory, ".nuke", "parameters.gated.json"), "{ \"WaiveSignOffs\": null }\n");
        Copy(Path.Combine(RepositoryRoot.Path, "deploy"), Path.Combine(directory, "deploy"));
    }

    private static JsonObject Parameters(LocalPorts ports, IReadOnlyDictionary<string, JsonNode?>? extra)
    {
        var parameters = new JsonObject
        {
            ["Environment"] = "local",
            ["Version"] = "1.0.0",
            ["AutoRollback"] = true,
            ["WaiveSignOffs"] = "end-to-end test repository: no people to sign off",
            ["RequiredEnvironmentVariables"] = new JsonArray("ConnectionStrings__Sample", "Sample__JwtSigningKey", "Sample__Release"),
            ["BakeTime"] = "6s",
            ["AnalysisInterval"] = "2s",
            ["MinRequests"] = 20,
            ["SyntheticLoad"] = true,
            ["LoadRate"] = 60,
            ["Replicas"] = 2,
            ["PostgresPort"] = ports.Postgres,
            ["RouterPort"] = ports.Router,
            ["RouterAdminPort"] = ports.RouterAdmin,
            ["StagingRouterPort"] = ports.StagingRouter,
            ["StagingRouterAdminPort"] = ports.StagingRouterAdmin,
            ["ServiceProject"] = Path.Combine(RepositoryRoot.Path, "src", "Runway.Sample", "Runway.Sample.csproj"),
            ["RouterProject"] = Path.Combine(RepositoryRoot.Path, "src", "Runway.Router", "Runway.Router.csproj"),
        };
        foreach (var (name, value) in extra ?? new Dictionary<string, JsonNode?>())
            parameters[name] = value?.DeepClone();
        return parameters;
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var folder in Directory.GetDirectories(from))
            Copy(folder, Path.Combine(to, Path.GetFileName(folder)));
    }
}
