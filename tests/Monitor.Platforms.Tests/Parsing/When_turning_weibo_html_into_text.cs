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
}
