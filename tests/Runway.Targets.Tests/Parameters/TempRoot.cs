namespace Runway.Targets.Tests.Parameters;

/// <summary>A throwaway root directory with a .nuke folder, deleted on dispose.</summary>
internal sealed class TempRoot : IDisposable
{
    public TempRoot()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "runway-params-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(System.IO.Path.Combine(Path, ".nuke"));
    }

    public string Path { get; }

    /// <summary>Writes .nuke/parameters.json (profile null) or .nuke/parameters.PROFILE.json.</summary>
    public TempRoot WithParameters(string json, string? profile = null)
    {
        var name = profile is null ? "parameters.json" : $"parameters.{profile}.json";
        File.WriteAllText(System.IO.Path.Combine(Path, ".nuke", name), json);
        return this;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
