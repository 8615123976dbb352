using Runway.Checklists;

namespace Runway.Tests.Checklists;

/// <summary>Finds the test data and the repository's default checklist.</summary>
internal static class ChecklistFiles
{
    public static string SeedPath(string name) => Path.Combine(AppContext.BaseDirectory, "Checklists", "Seeds", name);

    public static Checklist Deployment => ChecklistParser.Parse(File.ReadAllText(SeedPath("deployment-checklist.md")), "deployment-checklist.md");

    public static Checklist Readiness => ChecklistParser.Parse(File.ReadAllText(SeedPath("production-readiness-checklist.md")), "production-readiness-checklist.md");

    /// <summary>The sample's checklist (samples/deploy/checklist.md), found by walking up from the test output to the repository root.</summary>
    public static string DefaultPath
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "samples", "deploy", "checklist.md");
                if (File.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "global.json"))) return candidate;
            }
            throw new FileNotFoundException("samples/deploy/checklist.md not found above the test output directory.");
        }
    }
}
