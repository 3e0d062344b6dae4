namespace Monitor.Platforms;

/// <summary>A tag met by <see cref="HtmlScanner"/>: its lower-case name, whether it is an end tag, and its source text.</summary>
internal readonly record struct HtmlTag(string Name, bool Closing, string Source)
{
    /// <summary>An attribute's value, double-quoted, single-quoted or unquoted (<c>alt=[赞]</c>), or null when absent.</summary>
    public string? Attribute(string name)
    {
        var s = Source;
        var i = 1 + (Closing ? 1 : 0) + Name.Length;
        while (i < s.Length)
        {
            while (i < s.Length && (char.IsWhiteSpace(s[i]) || s[i] == '/')) i++;
            var nameStart = i;
            while (i < s.Length && s[i] != '=' && s[i] != '>' && s[i] != '/' && !char.IsWhiteSpace(s[i])) i++;
            var attribute = s.AsSpan(nameStart, i - nameStart);
            while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
            string? value = null;
            if (i < s.Length && s[i] == '=')
            {
                i++;
                while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
                if (i < s.Length && s[i] is '"' or '\'')
                {
                    var quote = s[i];
                    var end = s.IndexOf(quote, i + 1);
                    if (end < 0) end = s.Length - 1; // the tag ended inside the quotes: the value runs to the '>'
                    value = s[(i + 1)..end];
                    i = end + 1;
                }
                else
                {
                    var start = i;
                    while (i < s.Length && s[i] != '>' && !char.IsWhiteSpace(s[i]) && !(s[i] == '/' && i + 1 < s.Length && s[i + 1] == '>')) i++;
                    value = s[start..i];
                }
            }
            if (attribute.Length == 0) i++;
            else if (attribute.Equals(name, StringComparison.OrdinalIgnoreCase)) return value ?? "";
        }
        return null;
    }
}
