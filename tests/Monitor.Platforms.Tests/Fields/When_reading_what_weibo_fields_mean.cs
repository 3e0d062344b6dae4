using System.Text.Json.Nodes;

namespace Monitor.Platforms.Tests.Fields;

/// <summary>Each Weibo field for what it means: topics and super-topics, reposts and their originals, long texts.</summary>
public sealed class When_reading_what_weibo_fields_mean
{
    private static readonly DateTimeOffset ObservedAt = new(2024, 7, 20, 12, 0, 0, TimeSpan.Zero);
    private readonly WeiboReader _reader = new();

    private const string SuperTopicLink =
        "<a  href=\"https://m.weibo.cn/p/index?extparam=%E5%B0%8F%E7%B1%B3%E6%B1%BD%E8%BD%A6&containerid=100808b1a0b29a4c1bf2e1e4a8c9c5fd0d2d8c&luicode=10000011\" >"
        + "<span class='url-icon'><img style='width: 1rem;height: 1rem' src='https://n.sinaimg.cn/photo/5213b46e/20180926/timeline_card_small_super_default.png'></span>"
        + "<span class=\"surl-text\">小米汽车超话</span></a>";

    private static JsonObject Post(string text) => new()
    {
        ["id"] = "5057711122233344", ["mid"] = "5057711122233344", ["created_at"] = "Sat Jul 20 10:01:02 +0800 2024",
        ["text"] = text, ["attitudes_count"] = 12, ["comments_count"] = 3, ["reposts_count"] = 1,
        ["user"] = new JsonObject { ["id"] = 1, ["screen_name"] = "米粉十年" },
    };

    private Monitor.Contracts.CoverageReceived Read(JsonObject post, Func<string, string?>? longText = null)
    {
        var result = _reader.Read(JsonText.Parse(post.ToJsonString()), "f", ObservedAt, longText);
        Assert.True(result.Item is not null, result.Error);
        return result.Item!;
    }

    [Fact]
    public void A_super_topic_marker_in_the_text_is_the_topic_without_the_mark()
    {
        var item = Read(Post("提车一个月 #小米汽车[超话]# #小米SU7#"));

        Assert.Equal("提车一个月 #小米汽车[超话]# #小米SU7#", item.Text);
        Assert.Equal(["小米汽车", "小米SU7"], item.Hashtags);
    }

    [Fact]
    public void A_link_to_a_super_topic_page_is_a_topic_and_its_name_stays_in_the_text()
    {
        var item = Read(Post($"{SuperTopicLink} 今天去试驾了"));

        Assert.Equal("小米汽车超话 今天去试驾了", item.Text);
        Assert.Equal(["小米汽车"], item.Hashtags);
    }

    [Fact]
    public void Other_links_are_no_topics()
    {
        var item = Read(Post("<a href='/n/雷军'>@雷军</a> 看 <a href=\"https://m.weibo.cn/p/index?containerid=2304131749127163\">雷军的主页</a>"));

        Assert.Equal("@雷军 看 雷军的主页", item.Text);
        Assert.Empty(item.Hashtags);
    }

    [Fact]
    public void The_topics_weibo_lists_in_topic_struct_are_topics_too()
    {
        var post = Post("今天去试驾了");
        post["topic_struct"] = new JsonArray(new JsonObject { ["topic_title"] = "小米SU7", ["topic_url"] = "sinaweibo://searchall?q=%23小米SU7%23" },
            new JsonObject { ["topic_title"] = "小米汽车[超话]" });

        Assert.Equal(["小米SU7", "小米汽车"], Read(post).Hashtags);
    }

    [Fact]
    public void A_topic_struct_that_is_not_a_list_refuses_the_post_naming_it()
    {
        var post = Post("今天去试驾了");
        post["topic_struct"] = "小米SU7";

        Assert.Contains("weibo: topic_struct: expected an array, got a string",
            _reader.Read(JsonText.Parse(post.ToJsonString()), "f", ObservedAt).Error);
    }

    [Fact]
    public void A_repost_counts_its_own_engagement_and_takes_the_topics_of_its_original()
    {
        var post = Post("说得好 #勇气#");
        post["retweeted_status"] = Post($"今晚7点，我的年度演讲 {SuperTopicLink}");
        post["retweeted_status"]!["id"] = "5057600000000000";
        post["retweeted_status"]!["attitudes_count"] = "100万";
        post["retweeted_status"]!["user"]!["screen_name"] = "雷军";

        var item = Read(post);

        Assert.Equal("说得好 #勇气#\n//@雷军: 今晚7点，我的年度演讲 小米汽车超话", item.Text);
        Assert.Equal(["勇气", "小米汽车"], item.Hashtags);
        Assert.Equal(new Monitor.Contracts.Engagement(Likes: 12, Comments: 3, Shares: 1), item.Engagement);
        Assert.Equal("5057711122233344", item.PlatformId);
    }

    [Theory]
    [InlineData("""{"id":"5057600000000000","deleted":"1","text":"抱歉，此微博已被作者删除。查看帮助：<a href=\"https://t.cn/x\">https://t.cn/x</a>","user":null}""",
        "//抱歉，此微博已被作者删除。查看帮助：https://t.cn/x")]
    [InlineData("""{"id":"5057600000000000","deleted":"1"}""", "//原微博已删除或不可见")]
    [InlineData("""{"id":"5057600000000000","visible":{"type":6,"list_id":0}}""", "//原微博已删除或不可见")]
    [InlineData("""{"text":"抱歉，由于作者设置，你暂时没有这条微博的查看权限哦。","user":null}""", "//抱歉，由于作者设置，你暂时没有这条微博的查看权限哦。")]
    public void A_repost_of_a_deleted_or_invisible_original_keeps_its_own_words_and_what_weibo_shows_in_its_place(string original, string shown)
    {
        var post = Post("这条怎么没了 #小米SU7#");
        post["retweeted_status"] = JsonNode.Parse(original);

        var item = Read(post);

        Assert.Equal("这条怎么没了 #小米SU7#\n" + shown, item.Text);
        Assert.Equal(["小米SU7"], item.Hashtags);
    }

    [Fact]
    public void An_original_whose_text_is_not_text_refuses_the_repost_naming_it_rather_than_passing_for_deleted()
    {
        var post = Post("转");
        post["retweeted_status"] = JsonNode.Parse("""{"id":"5057600000000000","text":{"html":"原文"},"user":{"screen_name":"雷军"}}""");

        Assert.Contains("weibo: retweeted_status.text: expected a string, got an object",
            _reader.Read(JsonText.Parse(post.ToJsonString()), "f", ObservedAt).Error);
    }

    [Fact]
    public void A_long_post_takes_its_full_text_from_the_resolver_then_from_inline_long_text_then_keeps_the_cut_text()
    {
        var post = Post("前140字...<a href=\"/status/5057711122233344\">全文</a>");
        post["isLongText"] = true;
        post["longText"] = new JsonObject { ["longTextContent"] = "内联的全文 #小米SU7#" };

        Assert.Equal("解析到的全文", Read(post, _ => "解析到的全文").Text);
        Assert.Equal("内联的全文 #小米SU7#", Read(post, _ => null).Text);
        Assert.Equal(["小米SU7"], Read(post).Hashtags);
        post.Remove("longText");
        Assert.Equal("前140字...", Read(post).Text);
    }

    [Fact]
    public void A_post_not_marked_long_keeps_its_text_whatever_long_text_it_carries()
    {
        var post = Post("短文");
        post["isLongText"] = false;
        post["longText"] = new JsonObject { ["longTextContent"] = "别的内容" };

        Assert.Equal("短文", Read(post, _ => "也不用").Text);
    }

    [Fact]
    public void The_long_text_of_a_reposted_original_is_asked_for_by_the_original_s_id()
    {
        var post = Post("转");
        post["retweeted_status"] = Post("原文前半...");
        post["retweeted_status"]!["id"] = "5057600000000000";
        post["retweeted_status"]!["isLongText"] = true;

        var item = Read(post, id => id == "5057600000000000" ? "原文全文" : null);

        Assert.Equal("转\n//@米粉十年: 原文全文", item.Text);
    }
}
