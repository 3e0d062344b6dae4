using System.Net;
using System.Text;

namespace Monitor.Platforms;

/// <summary>
/// The repairs a tolerant feed reader makes before the XML parser sees a document, in one linear pass:
/// HTML entities XML does not declare (<c>&amp;nbsp;</c>, <c>&amp;copy;</c>, <c>&amp;mdash;</c>) become character
/// references, an unknown entity and a bare <c>&amp;</c> (<c>?a=1&amp;b=2</c> in a link) become literal text, and the
/// DOCTYPE goes (its entities are never expanded, nothing it names is fetched). Comments, CDATA sections and
/// processing instructions are copied untouched.
/// </summary>
internal static class XmlRepair
{
    private const int LongestEntityName = 32;

    public static string Repair(string xml)
    {
        var output = new StringBuilder(xml.Length + 64);
        var i = 0;
        while (i < xml.Length)
        {
            var next = xml.IndexOfAny(['&', '<'], i);
            if (next < 0)
            {
                output.Append(xml, i, xml.Length - i);
                break;
            }
            output.Append(xml, i, next - i);
            i = xml[next] == '<' ? CopyMarkup(xml, next, output) : RepairReference(xml, next, output);
        }
        return output.ToString();
    }

    private static int CopyMarkup(string xml, int at, StringBuilder output)
    {
        var rest = xml.AsSpan(at);
        if (rest.StartsWith("<!--")) return CopyThrough(xml, at, "-->", output);
        if (rest.StartsWith("<![CDATA[")) return CopyThrough(xml, at, "]]>", output);
        if (rest.StartsWith("<?")) return CopyThrough(xml, at, "?>", output);
        if (rest.StartsWith("<!DOCTYPE", StringComparison.OrdinalIgnoreCase)) return SkipDoctype(xml, at);
        output.Append('<');
        return at + 1;
    }

    private static int CopyThrough(string xml, int at, string end, StringBuilder output)
    {
        var found = xml.IndexOf(end, at + 2, StringComparison.Ordinal);
        var stop = found < 0 ? xml.Length : found + end.Length;
        output.Append(xml, at, stop - at);
        return stop;
    }

    /// <summary>A DOCTYPE ends at the first '&gt;' after its internal subset ('[' ... ']'), if it has one.</summary>
    private static int SkipDoctype(string xml, int at)
    {
        var gt = xml.IndexOf('>', at);
        var bracket = xml.IndexOf('[', at);
        if (bracket >= 0 && (gt < 0 || bracket < gt))
        {
            var close = xml.IndexOf("]", bracket, StringComparison.Ordinal);
            // The subset's last ']' is followed by optional spaces and '>'.
            while (close >= 0 && !xml.AsSpan(close + 1).TrimStart().StartsWith(">")) close = xml.IndexOf(']', close + 1);
            gt = close < 0 ? -1 : xml.IndexOf('>', close);
        }
        return gt < 0 ? xml.Length : gt + 1;
    }

    private static int RepairReference(string xml, int at, StringBuilder output)
    {
        var semicolon = xml.IndexOf(';', at + 1, Math.Min(LongestEntityName + 2, xml.Length - at - 1));
        var name = semicolon < 0 ? default : xml.AsSpan(at + 1, semicolon - at - 1);
        if (name.Length == 0 || !IsReference(name))
        {
            output.Append("&amp;");
            return at + 1;
        }
        if (name[0] == '#' || name is "amp" or "lt" or "gt" or "quot" or "apos")
        {
            output.Append(xml, at, semicolon - at + 1);
            return semicolon + 1;
        }
        var reference = xml.Substring(at, semicolon - at + 1);
        var decoded = WebUtility.HtmlDecode(reference);
        if (decoded == reference) output.Append("&amp;").Append(name);
        else
            foreach (var rune in decoded.EnumerateRunes())
                output.Append("&#").Append(rune.Value).Append(';');
        if (decoded == reference) output.Append(';');
        return semicolon + 1;
    }

    private static bool IsReference(ReadOnlySpan<char> name)
    {
        if (name[0] == '#')
        {
            var digits = name[1..];
            // A reference beyond Unicode (&#x110000;) is text, not a character: the parser would refuse the document.
            if (digits.Length > 0 && digits[0] is 'x' or 'X')
                return digits.Length is > 1 and < 8 && AllHex(digits[1..])
                       && int.Parse(digits[1..], System.Globalization.NumberStyles.HexNumber) <= 0x10FFFF;
            return digits.Length is > 0 and < 9 && AllDigits(digits) && int.Parse(digits) <= 0x10FFFF;
        }
        if (!char.IsAsciiLetter(name[0])) return false;
        foreach (var c in name)
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-' or '.'))
                return false;
        return true;
    }

    private static bool AllDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s) if (!char.IsAsciiDigit(c)) return false;
        return true;
    }

    private static bool AllHex(ReadOnlySpan<char> s)
    {
        foreach (var c in s) if (!char.IsAsciiHexDigit(c)) return false;
        return true;
    }
}
