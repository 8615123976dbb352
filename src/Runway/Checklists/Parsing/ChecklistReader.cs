namespace Runway.Checklists.Parsing;

/// <summary>
/// Walks a document line by line, collecting task-list items and item-table rows under their headings.
/// Fenced code and multi-line HTML comments are skipped; numbered lists and plain bullets are prose, not items.
/// </summary>
internal sealed class ChecklistReader(string source, IReadOnlyList<SourceLine> lines)
{
    private readonly string?[] headings = new string?[6];
    private readonly List<ItemDraft> drafts = [];
    private bool inFence;
    private bool inComment;

    public IReadOnlyList<ItemDraft> Read()
    {
        for (var i = 0; i < lines.Count; i++)
            i = ReadLine(i);
        return drafts;
    }

    private int ReadLine(int index)
    {
        var line = lines[index].Content;
        if (SkipsFenceOrComment(line)) return index;
        var heading = MarkdownPatterns.Heading().Match(line);
        if (heading.Success)
            SetHeading(heading.Groups["level"].Length, heading.Groups["title"].Value);
        else if (MarkdownPatterns.Task().Match(line) is { Success: true } task)
            AddTask(task, index);
        else if (TableCells.IsRow(line) && index + 1 < lines.Count && TableCells.IsDelimiter(lines[index + 1].Content))
            return ReadTable(index);
        else if (ItemAnnotation.Mentions(line))
            throw Error(index, "an annotation must sit at the end of an item line (or of its item cell in a table). Move it there.");
        return index;
    }

    private bool SkipsFenceOrComment(string line)
    {
        if (inFence)
        {
            inFence = !MarkdownPatterns.Fence().IsMatch(line);
            return true;
        }
        if (inComment)
        {
            inComment = !line.Contains("-->", StringComparison.Ordinal);
            return true;
        }
        if (MarkdownPatterns.Fence().IsMatch(line)) return inFence = true;
        var trimmed = line.TrimStart();
        return trimmed.StartsWith("<!--", StringComparison.Ordinal) && !trimmed.Contains("-->", StringComparison.Ordinal)
            && (inComment = true);
    }

    private void SetHeading(int level, string title)
    {
        headings[level - 1] = title.Trim();
        for (var deeper = level; deeper < headings.Length; deeper++)
            headings[deeper] = null;
    }

    // The level-1 heading is the document's title, not a section; it names items only when nothing deeper does.
    private string Section => headings.Skip(1).Any(h => h is not null)
        ? string.Join(" › ", headings.Skip(1).OfType<string>())
        : headings[0] ?? "";

    private string Innermost => headings.LastOrDefault(h => h is not null) ?? "";

    private void AddTask(System.Text.RegularExpressions.Match task, int index)
    {
        var (text, annotation) = ItemAnnotation.Extract(task.Groups["text"].Value, p => Error(index, p));
        if (text.Length == 0) throw Error(index, "a task-list item has no text. Write what must be done after the box.");
        var ticked = task.Groups["box"].Value != " ";
        drafts.Add(new ItemDraft(Innermost, Section, text, annotation, null, index + 1, ChecklistItemShape.Task, ticked, null));
    }

    private int ReadTable(int headerIndex)
    {
        var header = TableHeader.Read(lines[headerIndex].Content, headerIndex + 1);
        var index = headerIndex + 2;
        for (; index < lines.Count && TableCells.IsRow(lines[index].Content); index++)
            ReadRow(header, index);
        return index - 1;
    }

    private void ReadRow(TableHeader header, int index)
    {
        var cells = TableCells.Texts(lines[index].Content);
        if (cells.Count != header.CellCount)
            throw Error(index, $"this table row has {cells.Count} cells but the header on line {header.Line} has {header.CellCount}. Add or remove cells; write a literal pipe as \\|.");
        if (!header.IsChecklist || cells.All(c => c.Length == 0)) return;
        var (text, annotation) = ItemAnnotation.Extract(cells[header.ItemColumn], p => Error(index, p));
        if (text.Length == 0) throw Error(index, "this table row has an empty item cell. Write the item, or delete the row.");
        var owner = Owner(header, cells, annotation, index);
        var ticked = header.StatusColumn is { } s && MarkdownPatterns.IsTickedStatus(cells[s]);
        drafts.Add(new ItemDraft(Innermost, Section, text, annotation, owner, index + 1, ChecklistItemShape.TableRow, ticked, header.StatusColumn));
    }

    private ChecklistOwner? Owner(TableHeader header, IReadOnlyList<string> cells, ItemAnnotation annotation, int index)
    {
        if (header.OwnerColumn is not { } column || cells[column].Length == 0) return null;
        if (!ChecklistOwners.TryParse(cells[column], out var owner))
            throw Error(index, $"unknown owner '{cells[column]}'. Allowed owners: {ChecklistOwners.Allowed}.");
        if (annotation.Owner is { } annotated && annotated != owner)
            throw Error(index, $"the owner cell says {owner} but the annotation says {annotated}. Keep one.");
        return owner;
    }

    private ChecklistFormatException Error(int index, string problem) => new(source, index + 1, problem);
}
