using Monitor.TextAnalysis;
using Xunit;

namespace Monitor.TextAnalysis.Tests.Normalization;

public class When_normalizing_weibo_html
{
    [Fact]
    public void Should_keep_the_topic_text_of_a_topic_link()
    {
        var raw = "<a href=\"https://m.weibo.cn/search?containerid=231522type%3D1%26q%3D%23雷军年度演讲%23&amp;isnewpage=1\">#雷军年度演讲#</a>今天开始";

        Assert.Equal("#雷军年度演讲#今天开始", TextNormalizer.Normalize(raw));
    }

    [Fact]
    public void Should_replace_an_emoticon_image_with_its_alt_text()
    {
        var raw = "太帅了<span class=\"url-icon\"><img alt=\"[哈哈]\" src=\"https://h5.sinaimg.cn/m/emoticon/icon/default/d_haha.png\" style=\"width:1em; height:1em;\" /></span>真香";

        Assert.Equal("太帅了[哈哈]真香", TextNormalizer.Normalize(raw));
    }

    [Fact]
    public void Should_read_unquoted_and_single_quoted_alt_attributes()
    {
        Assert.Equal("[赞][心]", TextNormalizer.Normalize("<img alt=[赞] src=x.png><img src='y.png' alt='[心]'>"));
    }

    [Fact]
    public void Should_decode_named_and_numeric_entities()
    {
        Assert.Equal("A & B <3 \"SU7\" 小米", TextNormalizer.Normalize("A &amp; B &lt;3 &quot;SU7&quot; &#x5C0F;&#31859;"));
    }

    [Fact]
    public void Should_turn_line_breaks_and_paragraphs_into_newlines()
    {
        Assert.Equal("第一行\n第二行\n第三段", TextNormalizer.Normalize("第一行<br />第二行<p>第三段</p>"));
    }

    [Fact]
    public void Should_drop_scripts_styles_and_comments()
    {
        var raw = "<style>.a{color:red}</style>正文<script type=\"text/javascript\">var a = '<b>';</script><!-- 广告 -->结束";

        Assert.Equal("正文结束", TextNormalizer.Normalize(raw));
    }

    [Fact]
    public void Should_keep_a_less_than_sign_that_starts_no_tag()
    {
        Assert.Equal("价格 < 30万, 3<5", TextNormalizer.Normalize("价格 < 30万, 3<5"));
    }

    [Fact]
    public void Should_keep_angle_brackets_around_words_that_are_not_html_tags()
    {
        Assert.Equal("<SU7和Model 3> <小米>", TextNormalizer.Normalize("<SU7和Model 3> <小米>"));
    }

    [Fact]
    public void Should_strip_tags_in_any_case_with_any_attributes()
    {
        Assert.Equal("粗体和链接", TextNormalizer.Normalize("<B class='x'>粗体</B>和<A HREF=\"/x\" target=_blank>链接</A><HR/>"));
    }

    [Fact]
    public void Should_keep_text_full_of_unclosed_tag_starts()
    {
        var raw = string.Concat(Enumerable.Repeat("<a ", 20_000));

        Assert.Equal(raw.TrimEnd(), TextNormalizer.Normalize(raw));
    }

    [Fact]
    public void Should_keep_the_text_of_an_unclosed_tag_start()
    {
        Assert.Equal("结尾 <b", TextNormalizer.Normalize("结尾 <b"));
    }
}
