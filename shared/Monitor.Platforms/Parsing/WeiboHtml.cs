using System.Text;

namespace Monitor.Platforms;

/// <summary>Turns the HTML of a Weibo post into the text a reader sees.</summary>
public static class WeiboHtml
{
    /// <summary>The container id prefix of a super-topic (超话) page, which a super-topic link points at.</summary>
    private const string SuperTopicContainer = "containerid=100808";

    /// <summary>
    /// Strips tags, keeps emoticons as their alt text ("[哈哈]", quoted or not), keeps link text (so "#话题#" and
    /// "@名字" stay), turns &lt;br&gt; into a newline, drops the "全文" (read more) link and decodes entities.
    /// The result is plain text (see <see cref="PlainText"/>); the time taken is linear in the length of the HTML.
    /// </summary>
    public static string ToText(string html) => Read(html).Text;

    /// <summary>
    /// <see cref="ToText"/>, and the super-topics the post links to: Weibo writes a super-topic as a link to its page
    /// (<c>containerid=100808…</c>) showing the topic's name without '#' marks, sometimes followed by "超话".
    /// </summary>
    public static WeiboText Read(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var superTopics = new List<string>();
        var text = PlainText.Lines(PlainText.FromHtml(html, () => new Renderer(superTopics)));
        return new WeiboText(text, superTopics);
    }

    private sealed class Renderer(List<string> superTopics) : TagRenderer
    {
        private int _linkStart = -1;
        private bool _superTopicLink;

        public override void Render(HtmlTag tag, StringBuilder output)
        {
            switch (tag.Name)
            {
                case "br":
                    output.Append('\n');
                    break;
                case "p" or "div" when tag.Closing:
                    output.Append('\n');
                    break;
                case "img" when !tag.Closing:
                    output.Append(tag.Attribute("alt"));
                    break;
                case "a" when !tag.Closing:
                    _linkStart = output.Length;
                    _superTopicLink = tag.Attribute("href")?.Contains(SuperTopicContainer, StringComparison.Ordinal) == true;
                    break;
                case "a" when _linkStart >= 0:
                    var linkText = output.ToString(_linkStart, output.Length - _linkStart).Trim();
                    if (linkText == "全文") output.Length = _linkStart;
                    else if (_superTopicLink) superTopics.Add(Hashtags.WithoutSuperTopicMark(linkText));
                    _linkStart = -1;
                    _superTopicLink = false;
                    break;
            }
        }
    }
}

/// <summary>A Weibo post's HTML read: its plain text, and the super-topics it links to (without '#' or "超话").</summary>
public sealed record WeiboText(string Text, IReadOnlyList<string> SuperTopics);
