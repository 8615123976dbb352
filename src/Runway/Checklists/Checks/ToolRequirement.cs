using Runway.Database;
using Runway.Processes;

namespace Runway.Checklists.Checks;

/// <summary>A tool the deployment needs, how to ask its version, and the accepted range [Minimum, Below).</summary>
public sealed record ToolRequirement(string Name, ProcessSpec VersionCommand, Version Minimum, Version? Below)
{
    /// <summary>The range as people read it, e.g. "&gt;= 15.0, &lt; 16.0".</summary>
    public string Range => Below is null ? $">= {Minimum}" : $">= {Minimum}, < {Below}";

    /// <summary>True when <paramref name="version"/> is inside the range.</summary>
    public bool Accepts(Version version) => version >= Minimum && (Below is null || version < Below);

    /// <summary>
    /// What the default pipeline needs: the .NET 10 SDK, the PostgreSQL 15 server that runs the cluster, and a
    /// pg_dump at least as new as that server (pg_dump cannot dump a newer server).
    /// </summary>
    public static IReadOnlyList<ToolRequirement> Defaults { get; } =
    [
        new("dotnet SDK", new ProcessSpec("dotnet", ["--version"]), new Version(10, 0), new Version(11, 0)),
        new("PostgreSQL server", new ProcessSpec(Path.Combine(PostgresBinaries.DefaultBinDirectory, "postgres"), ["--version"]), new Version(15, 0), new Version(16, 0)),
        new("pg_dump", new ProcessSpec("pg_dump", ["--version"]), new Version(15, 0), null),
    ];
}
