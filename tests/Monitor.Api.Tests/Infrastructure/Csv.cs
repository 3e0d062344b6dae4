using System.Text;

namespace Monitor.Api.Tests.Infrastructure;

/// <summary>An RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks; records end in CRLF.</summary>
internal static class Csv
{
    public static IReadOnlyList<string[]> Parse(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"' && field.Length == 0)
            {
                i++;
                while (true)
                {
                    if (i >= text.Length) throw new FormatException("a quoted field is not closed");
                    if (text[i] == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; }
                    else if (text[i] == '"') { i++; break; }
                    else field.Append(text[i++]);
                }
                continue;
            }
            if (text[i] == ',') { fields.Add(field.ToString()); field.Clear(); i++; continue; }
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                fields.Add(field.ToString()); field.Clear();
                records.Add([.. fields]); fields.Clear();
                i += 2;
                continue;
            }
            if (text[i] is '\r' or '\n' or '"') throw new FormatException($"a bare {(text[i] == '"' ? "quote" : "line break")} at {i}");
            field.Append(text[i++]);
        }
        if (field.Length > 0 || fields.Count > 0) throw new FormatException("the last record does not end in CRLF");
        return records;
    }
}
