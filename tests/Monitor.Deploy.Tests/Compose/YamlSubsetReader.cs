using System.Text;

namespace Monitor.Deploy.Tests.Compose;

/// <summary>
/// Reads the YAML subset Monitor's compose file uses: block mappings, block sequences of scalars,
/// flow sequences of scalars ("[a, b]"), plain, single- and double-quoted scalars, and comments.
/// Anything else (anchors, aliases, multi-line scalars, flow mappings, tabs) is rejected with the
/// line it is on, so the compose file cannot drift into syntax these tests would misread.
/// </summary>
public static class YamlSubsetReader
{
    private sealed record Line(int Number, int Indent, string Text);

    public static YamlMapping Read(string yaml)
    {
        var lines = Tokenize(yaml);
        if (lines.Count == 0) return new YamlMapping([], 1);
        if (lines[0].Indent != 0) throw Error(lines[0], "the document must start at column 1");
        var index = 0;
        var node = ReadBlock(lines, ref index, 0);
        if (index < lines.Count) throw Error(lines[index], "unexpected indentation");
        return node as YamlMapping ?? throw new FormatException("line 1: the document must be a mapping");
    }

    private static List<Line> Tokenize(string yaml)
    {
        var result = new List<Line>();
        var number = 0;
        foreach (var raw in yaml.Replace("\r\n", "\n").Split('\n'))
        {
            number++;
            var indent = raw.Length - raw.TrimStart(' ').Length;
            if (raw.TrimStart(' ').StartsWith('\t')) throw new FormatException($"line {number}: tabs are not allowed for indentation");
            var text = StripComment(raw, number).TrimEnd();
            if (text.Trim().Length == 0 || text.Trim() is "---") continue;
            result.Add(new Line(number, indent, text.Trim()));
        }
        return result;
    }

    private static string StripComment(string raw, int number)
    {
        char? quote = null;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (quote is null && c is '"' or '\'' && (i == 0 || raw[i - 1] is ' ' or '[' or ',' or ':' or '-')) quote = c;
            else if (quote == c && !(c == '"' && raw[i - 1] == '\\')) quote = null;
            else if (quote is null && c == '#' && (i == 0 || raw[i - 1] == ' ')) return raw[..i];
        }
        if (quote is not null) throw new FormatException($"line {number}: unterminated {quote} quote");
        return raw;
    }

    private static YamlNode ReadBlock(List<Line> lines, ref int index, int indent) =>
        IsSequenceItem(lines[index].Text) ? ReadSequence(lines, ref index, indent) : ReadMapping(lines, ref index, indent);

    private static bool IsSequenceItem(string text) => text == "-" || text.StartsWith("- ", StringComparison.Ordinal);

    private static YamlSequence ReadSequence(List<Line> lines, ref int index, int indent)
    {
        var start = lines[index];
        var items = new List<YamlNode>();
        while (index < lines.Count && lines[index].Indent == indent && IsSequenceItem(lines[index].Text))
        {
            var line = lines[index];
            var value = line.Text.Length > 1 ? line.Text[2..].Trim() : "";
            if (value.Length == 0 || SplitKey(value, line) is not null)
                throw Error(line, "only scalars are supported as sequence items");
            items.Add(ReadScalarOrFlow(value, line));
            index++;
        }
        return new YamlSequence(items, start.Number);
    }

    private static YamlMapping ReadMapping(List<Line> lines, ref int index, int indent)
    {
        var start = lines[index];
        var entries = new List<KeyValuePair<string, YamlNode>>();
        while (index < lines.Count && lines[index].Indent == indent)
        {
            var line = lines[index];
            if (IsSequenceItem(line.Text)) throw Error(line, "a sequence item where a mapping key was expected");
            var (key, value) = SplitKey(line.Text, line) ?? throw Error(line, "expected 'key: value'");
            if (entries.Any(e => e.Key == key)) throw Error(line, $"duplicate key '{key}'");
            index++;
            YamlNode node;
            if (value.Length > 0)
                node = ReadScalarOrFlow(value, line);
            else if (index < lines.Count && lines[index].Indent > indent)
                node = ReadBlock(lines, ref index, lines[index].Indent);
            else if (index < lines.Count && lines[index].Indent == indent && IsSequenceItem(lines[index].Text))
                node = ReadSequence(lines, ref index, indent); // "key:\n- item" at the key's own indentation
            else
                node = new YamlScalar("", line.Number); // "key:" alone is null; compose reads it as empty
            entries.Add(new(key, node));
        }
        if (index < lines.Count && lines[index].Indent > indent) throw Error(lines[index], "unexpected indentation");
        return new YamlMapping(entries, start.Number);
    }

    /// <summary>"key: value" or "key:" -> (key, value); null when the text is not a mapping entry.</summary>
    private static (string Key, string Value)? SplitKey(string text, Line line)
    {
        if (text.StartsWith('"') || text.StartsWith('\''))
        {
            var end = text.IndexOf(text[0], 1);
            if (end > 0 && end + 1 < text.Length && text[end + 1] == ':')
                return (Unquote(text[..(end + 1)], line), text[(end + 2)..].Trim());
            return null;
        }
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '"' or '\'' or '[') return null;
            if (text[i] == ':' && (i + 1 == text.Length || text[i + 1] == ' '))
                return (text[..i].Trim(), text[(i + 1)..].Trim());
        }
        return null;
    }

    private static YamlNode ReadScalarOrFlow(string value, Line line)
    {
        if (value.StartsWith('['))
        {
            if (!value.EndsWith(']')) throw Error(line, "a flow sequence must close on the same line");
            var inner = value[1..^1];
            var items = SplitFlowItems(inner, line).Select(item => (YamlNode)new YamlScalar(Scalar(item, line), line.Number)).ToList();
            return new YamlSequence(items, line.Number);
        }
        return new YamlScalar(Scalar(value, line), line.Number);
    }

    private static IEnumerable<string> SplitFlowItems(string inner, Line line)
    {
        var current = new StringBuilder();
        char? quote = null;
        foreach (var c in inner)
        {
            if (quote is null && c is '"' or '\'') quote = c;
            else if (quote == c) quote = null;
            if (quote is null && c == ',')
            {
                yield return current.ToString().Trim();
                current.Clear();
                continue;
            }
            current.Append(c);
        }
        if (current.ToString().Trim().Length > 0) yield return current.ToString().Trim();
        else if (inner.Trim().Length > 0) throw Error(line, "empty item in a flow sequence");
    }

    private static string Scalar(string value, Line line)
    {
        if (value.StartsWith('"') || value.StartsWith('\'')) return Unquote(value, line);
        if (value[0] is '&' or '*' or '|' or '>' or '{' or '!')
            throw Error(line, $"'{value[0]}' (anchors, aliases, block scalars, flow mappings, tags) is outside the supported subset");
        return value;
    }

    private static string Unquote(string value, Line line)
    {
        var quote = value[0];
        if (value.Length < 2 || value[^1] != quote) throw Error(line, $"unterminated {quote} quote");
        var body = value[1..^1];
        return quote == '\''
            ? body.Replace("''", "'")
            : body.Replace("\\\"", "\"").Replace("\\\\", "\\");
    }

    private static FormatException Error(Line line, string message) => new($"line {line.Number}: {message}");
}
