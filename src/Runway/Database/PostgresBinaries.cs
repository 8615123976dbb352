using Runway.Processes;

namespace Runway.Database;

/// <summary>
/// Where the PostgreSQL server programs live, and how to run them: the server refuses to run as root,
/// so when this process is root they run as the <c>postgres</c> user through <c>runuser</c>.
/// </summary>
public sealed record PostgresBinaries(string BinDirectory, string? RunAsUser)
{
    /// <summary>The Debian location of the PostgreSQL 15 server programs.</summary>
    public const string DefaultBinDirectory = "/usr/lib/postgresql/15/bin";

    /// <summary>The machine's binaries, run as <c>postgres</c> when this process is root.</summary>
    public static PostgresBinaries Default { get; } = new(DefaultBinDirectory, IsRoot ? "postgres" : null);

    /// <summary>True when this process runs as root.</summary>
    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>A spec that runs <paramref name="program"/> from the bin directory, as the configured user.</summary>
    public ProcessSpec Command(string program, params string[] arguments)
    {
        var path = Path.Combine(BinDirectory, program);
        return RunAsUser is null
            ? new ProcessSpec(path, arguments)
            : new ProcessSpec("runuser", ["-u", RunAsUser, "--", path, .. arguments]);
    }

    /// <summary>Fails with what to install when the server programs are missing.</summary>
    public void EnsureInstalled()
    {
        if (!File.Exists(Path.Combine(BinDirectory, "initdb")) || !File.Exists(Path.Combine(BinDirectory, "pg_ctl")))
            throw new InvalidOperationException(
                $"PostgreSQL server programs not found in {BinDirectory}. Install them (Debian: apt-get install postgresql-15) or set the bin directory of another PostgreSQL 15 installation.");
    }
}
