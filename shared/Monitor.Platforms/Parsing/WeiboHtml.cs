using System.Text;

namespace Monitor.Platforms;

/// <summary>Turns the HTML of a Weibo post into the text a reader sees.</summary>
public static class WeiboHtml
{
    /// <summary>
    /// Strips tags, keeps emoticons as their alt text ("[哈哈]", quoted or not), keeps link text (so "#话题#" and
    /// "@名字" stay), turns &lt;br&gt; into a newline, drops the "全文" (read more) link and decodes entities.
    /// The result is plain text (see <see cref="PlainText"/>); the time taken is linear in the length of the HTML.
    /// </summary>
    public static string ToText(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        return PlainText.Lines(PlainText.FromHtml(html, () => new Renderer()));
    }

    private sealed class Renderer : TagRenderer
    {
        private int _linkStart = -1;

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
                    break;
                case "a" when _linkStart >= 0:
                    if (output.ToString(_linkStart, output.Length - _linkStart).Trim() == "全文") output.Length = _linkStart;
                    _linkStart = -1;
                    break;
            }
        }
    }
}
