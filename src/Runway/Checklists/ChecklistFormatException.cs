namespace Runway.Checklists;

/// <summary>A checklist file cannot be read: the message names the file, the line, what is wrong and the fix.</summary>
public sealed class ChecklistFormatException(string source, int line, string problem)
    : Exception($"{source}:{line}: {problem}")
{
    /// <summary>The file (or label) being parsed.</summary>
    public string FileName { get; } = source;

    /// <summary>The one-based line of the problem.</summary>
    public int Line { get; } = line;
}
