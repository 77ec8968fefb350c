namespace CognitoClerk.Sandbox;

/// <summary>
/// A plain-text table for the sandbox's own lines (the summary, errors by ErrorId; the module's objects are shown by pwsh itself). Each column has
/// a maximum width; longer cells are cut with an ellipsis so every row stays on one line.
/// </summary>
internal sealed class TextTable
{
    private readonly (string Header, int MaxWidth)[] _columns;
    private readonly List<string[]> _rows = new();

    public TextTable(params (string Header, int MaxWidth)[] columns) => _columns = columns;

    public void Add(params string?[] cells)
    {
        if (cells.Length != _columns.Length)
        {
            throw new ArgumentException($"Expected {_columns.Length} cells, got {cells.Length}.", nameof(cells));
        }

        _rows.Add(cells.Select((c, i) => TextWidth.Fit((c ?? string.Empty).ReplaceLineEndings(" "), _columns[i].MaxWidth)).ToArray());
    }

    public IEnumerable<string> Render()
    {
        int[] widths = _columns
            .Select((c, i) => Math.Max(TextWidth.Of(c.Header), _rows.Count == 0 ? 0 : _rows.Max(r => TextWidth.Of(r[i]))))
            .ToArray();
        yield return Join(_columns.Select(c => c.Header).ToArray(), widths);
        yield return Join(widths.Select(w => new string('-', w)).ToArray(), widths);
        foreach (string[] row in _rows)
        {
            yield return Join(row, widths);
        }
    }

    private static string Join(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : TextWidth.PadRight(c, widths[i]))).TrimEnd();
}
