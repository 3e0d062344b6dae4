namespace Monitor.SentimentModel.Data;

/// <summary>
/// Reads a labelled file: TSV or CSV, with or without a header. Without a header the first column is
/// the label and the rest is the text (<c>label,text</c>). With a header, the columns named
/// label / sentiment / polarity and text / review / sentence / content are used, in any order.
/// Labels: 0/1, pos/neg, positive/negative/neutral.
/// </summary>
public static class LabelledFile
{
    private static readonly string[] LabelColumns = ["label", "sentiment", "polarity", "class"];
    private static readonly string[] TextColumns = ["text", "review", "sentence", "content", "comment"];

    public static IReadOnlyList<LabelledText> Read(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"No such file: '{path}'.", path);
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        var separator = Path.GetExtension(path).Equals(".tsv", StringComparison.OrdinalIgnoreCase) ? '\t' : DetectSeparator(path);
        return Read(reader, separator, path);
    }

    public static IReadOnlyList<LabelledText> Read(TextReader reader, char separator, string sourceName)
    {
        var rows = new List<LabelledText>();
        int labelColumn = 0, textColumn = 1, columns = 2;
        var firstRecord = true;
        foreach (var (line, fields) in DelimitedRecords.Read(reader, separator, sourceName))
        {
            if (firstRecord)
            {
                firstRecord = false;
                if (!SentimentLabelText.TryParse(fields[0], out _) && TryHeader(fields, out labelColumn, out textColumn))
                {
                    columns = fields.Length;
                    continue;
                }
            }
            if (fields.Length < columns)
                throw new FormatException(
                    $"{sourceName}:{line}: expected {columns} fields ('label{(separator == '\t' ? "<TAB>" : ",")}text') but found {fields.Length}.");
            // an unquoted text may hold the separator: the extra fields belong to the text
            var extra = fields.Length - columns;
            var label = labelColumn > textColumn ? labelColumn + extra : labelColumn;
            var labelField = fields[label];
            if (!SentimentLabelText.TryParse(labelField, out var parsed))
                throw new FormatException(
                    $"{sourceName}:{line}: unknown label '{Shorten(labelField)}' (expected 0/1, pos/neg or positive/negative/neutral).");
            var text = string.Join(separator, fields[textColumn..(textColumn + extra + 1)]);
            rows.Add(new LabelledText(parsed, text, sourceName, line));
        }
        return rows;
    }

    private static bool TryHeader(string[] fields, out int labelColumn, out int textColumn)
    {
        labelColumn = IndexOfAny(fields, LabelColumns);
        textColumn = IndexOfAny(fields, TextColumns);
        if (labelColumn >= 0 && textColumn >= 0) return true;
        labelColumn = 0;
        textColumn = 1;
        return false;
    }

    private static int IndexOfAny(string[] fields, string[] names)
    {
        for (var i = 0; i < fields.Length; i++)
            if (names.Contains(fields[i].Trim().ToLowerInvariant())) return i;
        return -1;
    }

    private static char DetectSeparator(string path)
    {
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        var first = reader.ReadLine() ?? "";
        var tab = first.IndexOf('\t');
        var comma = first.IndexOf(',');
        return tab >= 0 && (comma < 0 || tab < comma) ? '\t' : ',';
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
