using System.Buffers;
using System.Net;
using System.Text;
using Monitor.TextAnalysis.Matching;

namespace Monitor.TextAnalysis;

/// <summary>
/// Turns what a source gave (HTML from Weibo and news sites, plain text from Douyin and Xiaohongshu)
/// into the text every later stage reads: tags removed, entities decoded, full-width forms folded,
/// whitespace collapsed. Emoji and Weibo emoticons stay in the text: an <c>&lt;img alt="[哈哈]"&gt;</c>
/// becomes <c>[哈哈]</c>, because sentiment reads them.
/// </summary>
public static class TextNormalizer
{
    /// <summary>Longest tag read as markup (Weibo anchors carry long hrefs); a longer "&lt;...&gt;" stays text.</summary>
    private const int MaxTagLength = 4096;

    /// <summary>The normalised form of <paramref name="raw"/>; the empty string for blank input.</summary>
    public static string Normalize(string raw) => Normalize(raw, links: null);

    /// <summary>As <see cref="Normalize(string)"/>, and collects the targets of links whose visible text is not a topic or mention.</summary>
    /// <remarks>Weibo shows a link as "网页链接" and keeps the address only in the anchor's href.</remarks>
    internal static string Normalize(string raw, List<string>? links)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var text = raw.Contains('<') ? StripTags(raw, links) : raw;
        if (text.Contains('&')) text = WebUtility.HtmlDecode(text);
        return FoldAndCollapse(text);
    }

    private static string StripTags(string raw, List<string>? links)
    {
        var output = new StringBuilder(raw.Length);
        string? anchorHref = null;
        var anchorTextStart = 0;
        var i = 0;
        while (i < raw.Length)
        {
            var c = raw[i];
            if (c != '<' || !LooksLikeTagStart(raw, i))
            {
                output.Append(c);
                i++;
                continue;
            }
            if (string.CompareOrdinal(raw, i, "<!--", 0, 4) == 0)
            {
                var commentEnd = raw.IndexOf("-->", i + 4, StringComparison.Ordinal);
                i = commentEnd < 0 ? raw.Length : commentEnd + 3;
                continue;
            }
            // Bounded, so a text full of "<" that never closes stays linear.
            var end = raw.AsSpan(i + 1, Math.Min(MaxTagLength, raw.Length - i - 1)).IndexOf('>');
            if (end >= 0) end += i + 1;
            if (end < 0)
            {
                output.Append(c);
                i++;
                continue;
            }
            var tag = raw.AsSpan(i + 1, end - i - 1);
            var closing = tag.Length > 0 && tag[0] == '/';
            var name = TagName(closing ? tag[1..] : tag);
            if (!KnownTags.Contains(name))
            {
                // "<SU7和Model 3>" in a plain-text post is text, not markup.
                output.Append(c);
                i++;
                continue;
            }
            i = end + 1;

            if (!closing && (name.Equals("script", StringComparison.OrdinalIgnoreCase) || name.Equals("style", StringComparison.OrdinalIgnoreCase)))
            {
                var close = raw.IndexOf("</" + name.ToString(), i, StringComparison.OrdinalIgnoreCase);
                var closeEnd = close < 0 ? -1 : raw.IndexOf('>', close);
                i = closeEnd < 0 ? raw.Length : closeEnd + 1;
            }
            else if (name.Equals("img", StringComparison.OrdinalIgnoreCase))
            {
                output.Append(Attribute(tag, "alt"));
            }
            else if (name.Equals("a", StringComparison.OrdinalIgnoreCase))
            {
                if (!closing)
                {
                    anchorHref = Attribute(tag, "href");
                    anchorTextStart = output.Length;
                }
                else if (anchorHref is not null)
                {
                    AddLink(links, anchorHref, output, anchorTextStart);
                    anchorHref = null;
                }
            }
            else if (IsBlock(name))
            {
                output.Append('\n');
            }
        }
        return output.ToString();
    }

    private static bool LooksLikeTagStart(string raw, int at)
    {
        if (at + 1 >= raw.Length) return false;
        var next = raw[at + 1];
        return next is '/' or '!' || char.IsAsciiLetter(next);
    }

    /// <summary>The tag's name, or an empty span when the name is not followed by whitespace, "/" or the tag's end.</summary>
    private static ReadOnlySpan<char> TagName(ReadOnlySpan<char> tag)
    {
        var length = 0;
        while (length < tag.Length && char.IsAsciiLetterOrDigit(tag[length])) length++;
        if (length < tag.Length && !char.IsWhiteSpace(tag[length]) && tag[length] != '/') return [];
        return tag[..length];
    }

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> KnownTags = new HashSet<string>(
    [
        "a", "abbr", "article", "aside", "audio", "b", "big", "blockquote", "body", "br", "button", "center", "cite",
        "code", "col", "colgroup", "dd", "del", "div", "dl", "dt", "em", "embed", "figcaption", "figure", "font", "footer",
        "form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "i", "iframe", "img", "input", "ins",
        "label", "li", "link", "main", "mark", "meta", "nav", "noscript", "ol", "option", "p", "path", "picture", "pre",
        "q", "s", "script", "section", "select", "small", "source", "span", "strike", "strong", "style", "sub", "sup",
        "svg", "table", "tbody", "td", "textarea", "tfoot", "th", "thead", "time", "title", "tr", "u", "ul", "video", "wbr",
    ], StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    private static bool IsBlock(ReadOnlySpan<char> name) =>
        name.Equals("br", StringComparison.OrdinalIgnoreCase) || name.Equals("p", StringComparison.OrdinalIgnoreCase)
        || name.Equals("div", StringComparison.OrdinalIgnoreCase) || name.Equals("li", StringComparison.OrdinalIgnoreCase)
        || name.Equals("tr", StringComparison.OrdinalIgnoreCase) || name.Equals("blockquote", StringComparison.OrdinalIgnoreCase)
        || (name.Length == 2 && (name[0] | 0x20) == 'h' && name[1] is >= '1' and <= '6');

    /// <summary>The raw value of an attribute (quoted or not), or the empty string.</summary>
    private static string Attribute(ReadOnlySpan<char> tag, string attribute)
    {
        var from = 0;
        while (from < tag.Length)
        {
            var at = tag[from..].IndexOf(attribute, StringComparison.OrdinalIgnoreCase);
            if (at < 0) return "";
            at += from;
            var afterName = at + attribute.Length;
            var startsWord = at > 0 && char.IsWhiteSpace(tag[at - 1]);
            var eq = afterName;
            while (eq < tag.Length && tag[eq] == ' ') eq++;
            if (!startsWord || eq >= tag.Length || tag[eq] != '=')
            {
                from = afterName;
                continue;
            }
            var valueStart = eq + 1;
            while (valueStart < tag.Length && tag[valueStart] == ' ') valueStart++;
            if (valueStart >= tag.Length) return "";
            var quote = tag[valueStart];
            if (quote is '"' or '\'')
            {
                var close = tag[(valueStart + 1)..].IndexOf(quote);
                return close < 0 ? tag[(valueStart + 1)..].ToString() : tag.Slice(valueStart + 1, close).ToString();
            }
            var valueEnd = valueStart;
            while (valueEnd < tag.Length && !char.IsWhiteSpace(tag[valueEnd]) && tag[valueEnd] != '/') valueEnd++;
            return tag[valueStart..valueEnd].ToString();
        }
        return "";
    }

    private static void AddLink(List<string>? links, string href, StringBuilder output, int anchorTextStart)
    {
        if (links is null) return;
        var first = anchorTextStart;
        while (first < output.Length && char.IsWhiteSpace(output[first])) first++;
        // Topic and mention anchors point at the platform's own search and profile pages, not at content.
        if (first < output.Length && output[first] is '#' or '@' or '＃' or '＠') return;
        href = WebUtility.HtmlDecode(href).Trim();
        if (href.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            links.Add(href);
    }

    private static string FoldAndCollapse(string text)
    {
        var buffer = ArrayPool<char>.Shared.Rent(text.Length);
        try
        {
            var length = 0;
            var pendingSpace = false;
            var pendingNewline = false;
            foreach (var original in text)
            {
                var c = Chars.FoldWidth(original);
                if (c is '\n' or '\r' or '\u2028' or '\u2029')
                {
                    pendingNewline = true;
                    continue;
                }
                if (char.IsWhiteSpace(c))
                {
                    pendingSpace = true;
                    continue;
                }
                // Zero-width spaces and joiners that carry nothing; U+200D stays, it holds emoji sequences together.
                if (c is '\u200B' or '\u200C' or '\u2060' or '\uFEFF' || char.IsControl(c)) continue;
                if (length > 0 && (pendingNewline || pendingSpace))
                    buffer[length++] = pendingNewline ? '\n' : ' ';
                pendingSpace = pendingNewline = false;
                buffer[length++] = c;
            }
            return new string(buffer, 0, length);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }
}
