using Runway.Processes;

namespace Runway.Tests.Checklists.Checks;

/// <summary>A real git repository in a temp folder, deleted on dispose.</summary>
internal sealed class TempGitRepository : IAsyncDisposable
{
    private TempGitRepository(string directory) => Directory = directory;

    public string Directory { get; }

    public static async Task<TempGitRepository> CreateAsync()
    {
        var repository = new TempGitRepository(System.IO.Directory.CreateTempSubdirectory("runway-git-").FullName);
        await repository.GitAsync("init", "-q", "-b", "main");
        await repository.GitAsync("config", "user.email", "tests@runway.invalid");
        await repository.GitAsync("config", "user.name", "Runway Tests");
        await repository.GitAsync("config", "commit.gpgsign", "false");
        return repository;
    }

    public async Task WriteAsync(string path, string content)
    {
        var full = Path.Combine(Directory, path);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await File.WriteAllTextAsync(full, content);
    }

    public async Task CommitAllAsync(string message = "change")
    {
        await GitAsync("add", "-A");
        await GitAsync("commit", "-q", "-m", message);
    }

    public async Task<string> GitAsync(params string[] arguments) =>
        (await ProcessRunner.RunAsync(new ProcessSpec("git", ["-C", Directory, .. arguments])).ConfigureAwait(false)).EnsureSuccess().StandardOutput;

    public ValueTask DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
