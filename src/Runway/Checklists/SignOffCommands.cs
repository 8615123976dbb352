namespace Runway.Checklists;

/// <summary>The exact commands a person types to close an item.</summary>
public static class SignOffCommands
{
    /// <summary><c>./build.sh SignOff --item &lt;id&gt; --by &lt;name&gt;</c></summary>
    public static string SignOff(string itemId, string by = "<name>") => $"./build.sh SignOff --item {itemId} --by {by}";

    /// <summary><c>./build.sh SignOff --item &lt;id&gt; --by &lt;name&gt; --waive --reason "&lt;text&gt;"</c></summary>
    public static string Waive(string itemId, string by = "<name>", string reason = "<text>") =>
        $"{SignOff(itemId, by)} --waive --reason \"{reason}\"";
}
