using System.Text;

namespace Monitor.Bench.Feeds;

/// <summary>HTML of a given size built the ways that made regex stripping quadratic, plus an ordinary post for scale.</summary>
public static class HostileHtml
{
    public static readonly (string Name, Func<int, string> Make)[] Kinds =
    [
        ("unclosed <a (Weibo text)", size => "看" + Repeat("<a ", size)),
        ("unclosed <script> (feed description)", size => "<p>开头</p><script>" + new string('x', Math.Max(0, size - 20))),
        ("nested <div> never closed", size => Repeat("<div>", size) + "正文"),
        ("markup escaped twice", size => Repeat("&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;&amp;lt;a href=&amp;quot;javascript:x&amp;quot;&amp;gt;点&amp;lt;/a&amp;gt;", size)),
        ("ordinary Weibo post", size => Repeat("雷军说<a href=\"/n/雷军\">@雷军</a> <span class=\"url-icon\"><img alt=[赞] src=\"x.png\"></span>好<br />", size)),
    ];

    private static string Repeat(string unit, int size)
    {
        var builder = new StringBuilder(size + unit.Length);
        while (builder.Length < size) builder.Append(unit);
        return builder.ToString();
    }
}
