namespace Monitor.Platforms.Tests.Parsing;

public sealed class When_turning_weibo_html_into_text
{
    [Fact]
    public void ToText_keeps_topic_links_as_hashtags()
    {
        const string html = "价格真香 <a  href=\"https://m.weibo.cn/search?containerid=231522type%3D1%26q%3D%23%E5%B0%8F%E7%B1%B3SU7%23\" data-hide=\"\"><span class=\"surl-text\">#小米SU7#</span></a>";
        Assert.Equal("价格真香 #小米SU7#", WeiboHtml.ToText(html));
    }

    [Fact]
    public void ToText_keeps_emoticons_as_their_alt_text()
    {
        const string html = "笑死<span class=\"url-icon\"><img alt=\"[哈哈]\" src=\"https://h5.sinaimg.cn/m/emoticon/icon/default/d_haha.png\" style=\"width:1em; height:1em;\" /></span>了<img alt='[doge]' src='x.png'>";
        Assert.Equal("笑死[哈哈]了[doge]", WeiboHtml.ToText(html));
    }

    [Fact]
    public void ToText_turns_line_breaks_into_newlines()
    {
        Assert.Equal("第一行\n第二行\n第三行", WeiboHtml.ToText("第一行<br />第二行<br>第三行"));
    }

    [Fact]
    public void ToText_decodes_entities()
    {
        Assert.Equal("R&D <核心> \"技术\" 'SU7' ©", WeiboHtml.ToText("R&amp;D &lt;核心&gt; &quot;技术&quot; &#39;SU7&#39; &copy;"));
    }

    [Fact]
    public void ToText_keeps_mentions_and_drops_the_read_more_link()
    {
        const string html = "<a href='/n/雷军'>@雷军</a> 说得对...<a href=\"/status/4984257385016136\">全文</a>";
        Assert.Equal("@雷军 说得对...", WeiboHtml.ToText(html));
    }

    [Fact]
    public void ToText_drops_images_without_alt_text_and_unknown_tags()
    {
        Assert.Equal("看图", WeiboHtml.ToText("<div><img src=\"a.jpg\">看图</div>"));
    }

    [Fact]
    public void ToText_leaves_plain_text_alone()
    {
        Assert.Equal("雷军说“过去28天就像一场梦”", WeiboHtml.ToText("雷军说“过去28天就像一场梦”"));
    }

    [Fact]
    public void ToText_keeps_emoticons_whose_alt_is_not_quoted()
    {
        Assert.Equal("好[赞][哈哈]", WeiboHtml.ToText("好<img alt=[赞] src=x.png><img src=y.png alt=[哈哈]/>"));
    }

    [Theory]
    [InlineData("&lt;script&gt;alert(1)&lt;/script&gt;好", "好")]
    [InlineData("&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;好", "好")]
    [InlineData("&amp;amp;lt;img src=x onerror=alert(1)&amp;amp;gt;好", "好")]
    [InlineData("&lt;a href=&quot;javascript:alert(1)&quot;&gt;点我&lt;/a&gt;", "点我")]
    [InlineData("<scr<script>ipt>alert(1)</script>", "ipt>alert(1)")]
    public void ToText_never_lets_escaped_markup_come_out_live(string html, string expected)
    {
        var text = WeiboHtml.ToText(html);

        Assert.Equal(expected, text);
        Assert.DoesNotContain("<script", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("1 &lt; 2 且 3 &gt; 2", "1 < 2 且 3 > 2")]
    [InlineData("<核心>", "<核心>")]
    [InlineData("a < b", "a < b")]
    [InlineData("爱你<3", "爱你<3")]
    public void ToText_keeps_angle_brackets_that_open_no_tag(string html, string expected)
    {
        Assert.Equal(expected, WeiboHtml.ToText(html));
    }

    [Fact]
    public void ToText_drops_only_the_bracket_of_a_tag_that_never_closes()
    {
        Assert.Equal("看a a a", WeiboHtml.ToText("看<a <a <a"));
        Assert.Equal("开头", WeiboHtml.ToText("开头<script>alert(1)"));
        Assert.Equal("开头", WeiboHtml.ToText("开头<!-- 注释"));
    }
}
