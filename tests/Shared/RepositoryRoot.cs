namespace Runway.Testing;

/// <summary>The repository's root folder, found upward from the test assembly.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Runway.slnx")))
                return directory.FullName;
        throw new InvalidOperationException("Runway.slnx not found above the test assembly.");
    }
}
