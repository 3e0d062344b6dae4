using System.Net;
using System.Text.RegularExpressions;

namespace Monitor.Platforms;

/// <summary>Turns the HTML of a Weibo post into the text a reader sees.</summary>
public static partial class WeiboHtml
{
    /// <summary>
    /// Strips tags, keeps emoticons as their alt text ("[哈哈]"), keeps link text (so "#话题#" and "@名字" stay),
    /// turns &lt;br&gt; into a newline, drops the "全文" (read more) link and decodes entities.
    /// </summary>
    public static string ToText(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var text = ReadMoreLink().Replace(html, "");
        text = Tag().Replace(text, ReplaceTag);
        text = WebUtility.HtmlDecode(text);
        text = text.Replace("\u00a0", " ");
        return SpaceBeforeNewline().Replace(text, "\n").Trim();
    }

    private static string ReplaceTag(Match tag)
    {
        var name = tag.Groups["name"].Value.ToLowerInvariant();
        var closing = tag.Groups["close"].Success;
        if (name == "br") return "\n";
        if (!closing && name is "p" or "div") return "";
        if (closing && name is "p" or "div") return "\n";
        if (name == "img")
        {
            var alt = Alt().Match(tag.Value);
            return alt.Success ? alt.Groups["alt"].Value : "";
        }
        return "";
    }

    [GeneratedRegex(@"<(?<close>/)?(?<name>[a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\balt\s*=\s*(?:""(?<alt>[^""]*)""|'(?<alt>[^']*)')", RegexOptions.IgnoreCase)]
    private static partial Regex Alt();

    [GeneratedRegex(@"<a\b[^>]*>\s*全文\s*</a>", RegexOptions.IgnoreCase)]
    private static partial Regex ReadMoreLink();

    [GeneratedRegex(@"[ \t]+\n")]
    private static partial Regex SpaceBeforeNewline();
}
