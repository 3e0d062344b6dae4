using System.Net;
using System.Text.RegularExpressions;

namespace Monitor.Platforms;

/// <summary>Reduces an HTML fragment (a feed item's description) to plain text.</summary>
internal static partial class HtmlText
{
    public static string ToPlain(string html)
    {
        var text = ScriptOrStyle().Replace(html, "");
        text = BlockBoundary().Replace(text, "\n");
        text = Tag().Replace(text, "");
        text = WebUtility.HtmlDecode(text).Replace('\u00a0', ' ');
        text = SpacesAndTabs().Replace(text, " ");
        text = BlankLines().Replace(text, "\n\n");
        return string.Join('\n', text.Split('\n').Select(line => line.Trim())).Trim();
    }

    [GeneratedRegex(@"<(script|style)\b[^>]*>.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex(@"<br\s*/?>|</(p|div|li|h[1-6]|blockquote|tr)\s*>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockBoundary();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"[ \t\r\f]+")]
    private static partial Regex SpacesAndTabs();

    [GeneratedRegex(@"\n\s*\n+")]
    private static partial Regex BlankLines();
}
