using System.Text;

namespace Monitor.Platforms;

/// <summary>Reduces an HTML fragment (a feed item's description) to plain text: line breaks and block ends become newlines.</summary>
internal static class HtmlText
{
    private static readonly HashSet<string> BlockEnds = ["p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr"];

    public static string ToPlain(string html) => PlainText.Paragraphs(PlainText.FromHtml(html, () => Renderer.Instance));

    private sealed class Renderer : TagRenderer
    {
        public static readonly Renderer Instance = new();

        public override void Render(HtmlTag tag, StringBuilder output)
        {
            if ((tag.Name == "br" && !tag.Closing) || (tag.Closing && BlockEnds.Contains(tag.Name))) output.Append('\n');
        }
    }
}
