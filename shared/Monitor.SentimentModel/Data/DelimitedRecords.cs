using System.Text;

namespace Monitor.SentimentModel.Data;

/// <summary>
/// Reads delimited records: CSV with RFC 4180 quoting (a quoted field may hold commas, quotes and
/// newlines) or TSV without quoting. Strips a leading byte-order mark. Yields each record with the
/// line it starts on; blank lines are skipped.
/// </summary>
public static class DelimitedRecords
{
    public static IEnumerable<(int Line, string[] Fields)> Read(TextReader reader, char separator, string sourceName)
    {
        var line = 0;
        var first = true;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (first)
            {
                text = text.TrimStart('\uFEFF');
                first = false;
            }
            if (text.Length == 0) continue;
            var startLine = line;
            if (separator == '\t')
            {
                yield return (startLine, text.Split('\t'));
                continue;
            }

            var fields = new List<string>();
            var field = new StringBuilder();
            var inQuotes = false;
            var i = 0;
            while (true)
            {
                if (i == text.Length)
                {
                    if (!inQuotes) break;
                    var more = reader.ReadLine()
                        ?? throw new FormatException($"{sourceName}:{startLine}: a quoted field is never closed.");
                    line++;
                    field.Append('\n');
                    text = more;
                    i = 0;
                    continue;
                }
                var c = text[i];
                if (inQuotes)
                {
                    if (c == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                        inQuotes = false;
                    }
                    else field.Append(c);
                }
                else if (c == '"' && field.Length == 0) inQuotes = true;
                else if (c == separator) { fields.Add(field.ToString()); field.Clear(); }
                else field.Append(c);
                i++;
            }
            fields.Add(field.ToString());
            yield return (startLine, fields.ToArray());
        }
    }
}
