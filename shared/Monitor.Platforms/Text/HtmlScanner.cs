using System.Text;

namespace Monitor.Platforms;

/// <summary>
/// Removes the markup of an HTML fragment in one forward pass: tags (each offered to a <see cref="TagRenderer"/>,
/// which says what text stands in its place), comments, doctypes, processing instructions, and the bodies of
/// script, style, iframe, noscript and template elements. CDATA sections keep their text.
/// </summary>
/// <remarks>
/// Every character is looked at a bounded number of times, so the time is linear in the input whatever it holds:
/// a tag with no closing '&gt;' drops only its '&lt;' (and, once one is unclosed, no later '&lt;' can be closed either,
/// so none is searched for again); an unclosed comment or script drops the rest, as a browser does.
/// A '&lt;' that opens no tag ("a &lt; b", "&lt;3", "&lt;核心&gt;") is text.
/// </remarks>
internal static class HtmlScanner
{
    private static readonly HashSet<string> RawTextElements = ["script", "style", "iframe", "noscript", "template", "xmp"];

    public static string Strip(string html, TagRenderer renderer)
    {
        var output = new StringBuilder(html.Length);
        var noClosingBracket = false;
        var i = 0;
        while (i < html.Length)
        {
            var lt = html.IndexOf('<', i);
            if (lt < 0)
            {
                output.Append(html, i, html.Length - i);
                break;
            }
            output.Append(html, i, lt - i);
            i = lt + 1;
            if (i >= html.Length)
            {
                output.Append('<');
                break;
            }
            var next = html[i];
            if (next == '!')
            {
                i = SkipDeclaration(html, lt, output);
                continue;
            }
            var closing = next == '/';
            var nameStart = closing ? i + 1 : i;
            if (next == '?' || (nameStart < html.Length && char.IsAsciiLetter(html[nameStart])))
            {
                var gt = noClosingBracket ? -1 : html.IndexOf('>', nameStart);
                if (gt < 0)
                {
                    noClosingBracket = true;
                    continue; // the '<' goes; what follows stays as text
                }
                i = gt + 1;
                if (next == '?') continue;
                var nameEnd = nameStart;
                while (nameEnd < gt && char.IsAsciiLetterOrDigit(html[nameEnd])) nameEnd++;
                var name = html[nameStart..nameEnd].ToLowerInvariant();
                renderer.Render(new HtmlTag(name, closing, html[lt..(gt + 1)]), output);
                if (!closing && RawTextElements.Contains(name)) i = SkipRawText(html, i, name);
                continue;
            }
            output.Append('<');
        }
        return output.ToString();
    }

    private static int SkipDeclaration(string html, int lt, StringBuilder output)
    {
        if (html.AsSpan(lt).StartsWith("<!--"))
        {
            var end = html.IndexOf("-->", lt + 4, StringComparison.Ordinal);
            return end < 0 ? html.Length : end + 3;
        }
        if (html.AsSpan(lt).StartsWith("<![CDATA["))
        {
            var start = lt + "<![CDATA[".Length;
            var end = html.IndexOf("]]>", start, StringComparison.Ordinal);
            output.Append(html, start, (end < 0 ? html.Length : end) - start);
            return end < 0 ? html.Length : end + 3;
        }
        var gt = html.IndexOf('>', lt);
        return gt < 0 ? html.Length : gt + 1;
    }

    private static int SkipRawText(string html, int from, string name)
    {
        var end = html.IndexOf("</" + name, from, StringComparison.OrdinalIgnoreCase);
        if (end < 0) return html.Length;
        var gt = html.IndexOf('>', end);
        return gt < 0 ? html.Length : gt + 1;
    }
}

/// <summary>Says what text stands in place of a tag; one renderer serves one pass, so it may keep state.</summary>
internal abstract class TagRenderer
{
    public abstract void Render(HtmlTag tag, StringBuilder output);
}
