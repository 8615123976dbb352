namespace Runway.Targets.Running;

/// <summary>Keeps <c>.nuke/build.schema.json</c> current, writing only when its content changed.</summary>
internal static class SchemaFile
{
    public static void Update(string rootDirectory, string schema)
    {
        var path = Path.Combine(rootDirectory, ".nuke", "build.schema.json");
        if (File.Exists(path) && File.ReadAllText(path) == schema) return;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, schema);
    }
}
