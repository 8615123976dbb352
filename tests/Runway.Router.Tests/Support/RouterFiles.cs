namespace Runway.Router.Tests.Support;

/// <summary>A throwaway directory holding a router's state file and token file.</summary>
internal sealed class RouterFiles : IDisposable
{
    public const string Token = "test-admin-token-0123456789";

    private RouterFiles(string directory) => Directory = directory;

    public string Directory { get; }

    public string StateFile => Path.Combine(Directory, "state", "routes.json");

    public string TokenFile => Path.Combine(Directory, "admin.token");

    /// <summary>A fresh directory; with <paramref name="writeToken"/>, a token file holding <see cref="Token"/>.</summary>
    public static RouterFiles Create(bool writeToken = true)
    {
        var files = new RouterFiles(Path.Combine(Path.GetTempPath(), "runway-router-" + Guid.NewGuid().ToString("N")[..8]));
        System.IO.Directory.CreateDirectory(files.Directory);
        if (writeToken)
        {
            File.WriteAllText(files.TokenFile, Token + "\n");
        }

        return files;
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
