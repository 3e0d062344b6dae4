using Monitor.Contracts;
using Monitor.TextAnalysis;
using Xunit;

namespace Monitor.TextAnalysis.Tests.Social;

public class When_reading_hashtags_mentions_and_urls
{
    [Fact]
    public void Should_read_weibo_topics_between_two_marks()
    {
        var tags = SocialMarkers.Hashtags("#雷军年度演讲# 小米 #小米SU7 Ultra#发布", Contracts.PlatformNames.Weibo);

        Assert.Equal(["雷军年度演讲", "小米SU7 Ultra"], tags);
    }

    [Fact]
    public void Should_read_douyin_hashtags_after_one_mark()
    {
        var tags = SocialMarkers.Hashtags("小米SU7来了 #小米su7 #新能源#雷军 #SU7,真帅", Contracts.PlatformNames.Douyin);

        Assert.Equal(["小米su7", "新能源", "雷军", "SU7"], tags);
    }

    [Fact]
    public void Should_keep_the_first_spelling_of_a_repeated_tag()
    {
        Assert.Equal(["SU7"], SocialMarkers.Hashtags("#SU7 #su7 #Su7", Contracts.PlatformNames.Douyin));
    }

    [Fact]
    public void Should_drop_the_topic_suffix_of_xiaohongshu_tags()
    {
        var tags = SocialMarkers.Hashtags("提车啦 #小米SU7[话题]# #试驾[话题]#", Contracts.PlatformNames.Xiaohongshu);

        Assert.Equal(["小米SU7", "试驾"], tags);
    }

    [Fact]
    public void Should_not_read_url_fragments_or_numeric_entities_as_hashtags()
    {
        Assert.Empty(SocialMarkers.Hashtags("https://example.com/page#section and a&#35;b", Contracts.PlatformNames.Douyin));
    }

    [Fact]
    public void Should_read_mentions_but_not_email_addresses()
    {
        var mentions = SocialMarkers.Mentions("感谢@雷军 和 @小米汽车:真棒 //@Car_Fan-01: 同意, 邮件 lei@xiaomi.com");

        Assert.Equal(["雷军", "小米汽车", "Car_Fan-01"], mentions);
    }

    [Fact]
    public void Should_read_urls_without_trailing_punctuation_or_following_chinese()
    {
        var urls = SocialMarkers.Urls("看这里http://t.cn/A6abcd。还有 https://www.dongchedi.com/article/123?x=1, 以及 www.mi.com.");

        Assert.Equal(["http://t.cn/A6abcd", "https://www.dongchedi.com/article/123?x=1", "www.mi.com"], urls);
    }
}
