namespace Runway.GitHub.Workflows;

/// <summary>
/// An ordered YAML mapping for the workflow emitter. Values are <see cref="string"/>, <see cref="bool"/>,
/// <see cref="int"/>, <see cref="YamlMapping"/> or a list of those.
/// </summary>
internal sealed class YamlMapping
{
    private readonly List<KeyValuePair<string, object>> _entries = [];

    /// <summary>Whether a blank line separates the entries (top level and jobs read better that way).</summary>
    public bool Spaced { get; init; }

    public IReadOnlyList<KeyValuePair<string, object>> Entries => _entries;

    public YamlMapping Add(string key, object value)
    {
        _entries.Add(new(key, value));
        return this;
    }

    public YamlMapping AddIf(bool condition, string key, Func<object> value) => condition ? Add(key, value()) : this;
}
