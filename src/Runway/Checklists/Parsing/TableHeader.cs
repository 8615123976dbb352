namespace Runway.Checklists.Parsing;

/// <summary>Which columns of a table hold the item, the owner and the status, found by header text (any case).</summary>
internal sealed record TableHeader(int Line, int CellCount, int ItemColumn, int? OwnerColumn, int? StatusColumn)
{
    /// <summary>True when the table has an item column, so its rows are checklist items.</summary>
    public bool IsChecklist => ItemColumn >= 0;

    public static TableHeader Read(string line, int lineNumber)
    {
        var cells = TableCells.Texts(line);
        return new TableHeader(lineNumber, cells.Count, Column(cells, "item") ?? -1, Column(cells, "owner"), Column(cells, "status"));
    }

    private static int? Column(IReadOnlyList<string> cells, string word)
    {
        for (var i = 0; i < cells.Count; i++)
            if (cells[i].Contains(word, StringComparison.OrdinalIgnoreCase)) return i;
        return null;
    }
}
