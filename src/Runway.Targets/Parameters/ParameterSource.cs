namespace Runway.Targets.Parameters;

/// <summary>Where a parameter's value came from, weakest first.</summary>
public enum ParameterSource
{
    /// <summary>The member's initialiser.</summary>
    Default,

    /// <summary><c>.nuke/parameters.json</c>.</summary>
    ParametersFile,

    /// <summary>A <c>.nuke/parameters.&lt;profile&gt;.json</c> file named by <c>--profile</c>.</summary>
    ProfileFile,

    /// <summary>A <c>RUNWAY_UPPER_SNAKE</c> environment variable.</summary>
    Environment,

    /// <summary>A <c>--kebab-case</c> command-line option.</summary>
    CommandLine,
}
