using Runway.Database.Migrations;
using Runway.Phases;
using Runway.Service;
using Runway.Smoke;

/// <summary>
/// The files a deployment reads — the checklist, the service contract, the smoke probes and the migrations folder —
/// checked before a run starts anything, so a wrong path is named with its parameter, where its value came from, and
/// the fix, instead of surfacing mid-run as a missing file.
/// </summary>
static class DeployFiles
{
    /// <summary>One path parameter: its member and option names, its value, and whether it names a folder.</summary>
    internal sealed record Input(string Member, string Option, string Path, bool IsFolder = false);

    /// <summary>The inputs whose file or folder is missing under <paramref name="root"/>, each described; empty when all exist.</summary>
    public static IReadOnlyList<string> Problems(string root, IEnumerable<Input> inputs, Func<string, string> origin) =>
        [.. inputs.Where(input => input.Path.Length == 0 || !Exists(System.IO.Path.Combine(root, input.Path), input.IsFolder)).Select(input =>
            input.Path.Length == 0
                ? $"--{input.Option} is not set (from {origin(input.Member)})."
                : $"--{input.Option} is {input.Path} (from {origin(input.Member)}), but no {(input.IsFolder ? "folder" : "file")} is there."),];

    /// <summary>Throws <see cref="InvalidSettingsException"/> naming every missing input and how to fix it.</summary>
    public static void EnsureExist(string root, IEnumerable<Input> inputs, Func<string, string> origin)
    {
        var problems = Problems(root, inputs, origin);
        if (problems.Count > 0)
            throw new InvalidSettingsException(
                "Refused before anything started: " + string.Join(" ", problems) +
                " A new repository gets a neutral deploy/ from ./build.sh Init (it never overwrites); otherwise point the parameter at your file " +
                "in .nuke/parameters.<profile>.json or on the command line.");
    }

    /// <summary>
    /// Throws <see cref="InvalidSettingsException"/> when a file that is there is wrong inside (the service contract, the
    /// smoke probes, a migration's name), naming the file, its parameter and source, and the loader's fix — before the
    /// cluster starts and Preparation records a deployment that failed on a typo.
    /// </summary>
    public static async Task EnsureReadableAsync(string root, IEnumerable<Input> inputs, Func<string, string> origin, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (var input in inputs)
            if (await ContentProblemAsync(System.IO.Path.Combine(root, input.Path), input.Member, cancellationToken) is { } problem)
                problems.Add($"--{input.Option} is {input.Path} (from {origin(input.Member)}): {problem}");
        if (problems.Count > 0)
            throw new InvalidSettingsException("Refused before anything started: " + string.Join(" ", problems));
    }

    static async Task<string?> ContentProblemAsync(string path, string member, CancellationToken cancellationToken)
    {
        try
        {
            switch (member)
            {
                case "ServiceFile": ServiceContractFile.Load(path); return null;
                case "SmokeFile": SmokeProbeFile.Load(path); return null;
                case "MigrationsDirectory":
                    var problems = (await MigrationScriptFolder.ReadAsync(path, cancellationToken)).Problems;
                    return problems.Count == 0 ? null : string.Join(" ", problems);
                default: return null;
            }
        }
        catch (Exception error) when (error is ServiceContractException or SmokeProbeFileException)
        {
            return error.Message;
        }
    }

    private static bool Exists(string path, bool isFolder) => isFolder ? Directory.Exists(path) : File.Exists(path);
}
