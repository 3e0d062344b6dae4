using System.Net;
using System.Text;

namespace Monitor.Platforms;

/// <summary>
/// HTML to the plain text <c>CoverageReceived.Text</c> promises: markup removed, entities decoded, and no markup
/// left whatever the escaping. Markup escaped once or twice (<c>&amp;lt;script&amp;gt;</c>) decodes into markup,
/// so stripping and decoding repeat until the text stops changing, at most <see cref="MaxRounds"/> times;
/// what is still left after that is stripped once more and not decoded again.
/// </summary>
internal static class PlainText
{
    public const int MaxRounds = 4;

    /// <summary>Longer input is refused: no post or article body comes near it (ingestion keeps 200,000 characters).</summary>
    public const int MaxHtmlLength = 16 * 1024 * 1024;

    public static string FromHtml(string html, Func<TagRenderer> renderer)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (html.Length > MaxHtmlLength)
            throw new InvalidItemException("text", $"{html.Length:N0} characters of HTML is more than the {MaxHtmlLength:N0} read");
        var text = html;
        for (var round = 0; round < MaxRounds; round++)
        {
            var next = WebUtility.HtmlDecode(HtmlScanner.Strip(text, renderer()));
            if (next == text) return next;
            text = next;
        }
        return HtmlScanner.Strip(text, renderer());
    }

    /// <summary>No-break spaces as spaces, runs of spaces and tabs as one, lines trimmed, blank lines at most one in a row.</summary>
    public static string Paragraphs(string text)
    {
        var output = new StringBuilder(text.Length);
        var blankPending = false;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = CollapseSpaces(rawLine);
            if (line.Length == 0)
            {
                blankPending = output.Length > 0;
                continue;
            }
            if (output.Length > 0) output.Append(blankPending ? "\n\n" : "\n");
            output.Append(line);
            blankPending = false;
        }
        return output.ToString();
    }

    /// <summary>No-break spaces as spaces, spaces and tabs before a line break dropped, the whole trimmed.</summary>
    public static string Lines(string text) =>
        string.Join('\n', text.Replace('\u00a0', ' ').Split('\n').Select(line => line.TrimEnd(' ', '\t'))).Trim();

    private static string CollapseSpaces(string line)
    {
        var output = new StringBuilder(line.Length);
        var space = false;
        foreach (var c in line)
        {
            if (c is ' ' or '\t' or '\r' or '\f' or '\u00a0')
            {
                space = output.Length > 0;
                continue;
            }
            if (space) output.Append(' ');
            output.Append(c);
            space = false;
        }
        return output.ToString();
    }
}
