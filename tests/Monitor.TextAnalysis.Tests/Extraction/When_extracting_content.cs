using Monitor.Contracts;
using Monitor.TextAnalysis;
using Xunit;

namespace Monitor.TextAnalysis.Tests.Extraction;

public class When_extracting_content
{
    private const string WeiboHtml =
        "<a href=\"https://m.weibo.cn/search?containerid=231522type%3D1%26q%3D%23雷军年度演讲%23\">#雷军年度演讲#</a> " +
        "小米SU7 Ultra正式发布，雷军说这是梦想<span class=\"url-icon\"><img alt=\"[哈哈]\" src=\"https://h5.sinaimg.cn/m/emoticon/icon/default/d_haha.png\" /></span> " +
        "<a href='/n/小米汽车'>@小米汽车</a> <a href=\"http://t.cn/A6abcdEF\" data-hide=\"\"><span class=\"url-icon\"><img src=\"https://h5.sinaimg.cn/upload/2015/09/25/3/timeline_card_small_web_default.png\"></span><span class=\"surl-text\">网页链接</span></a>";

    private static ContentExtracted Extract(CoverageIngested item) => BuiltIn.Extractor.Extract(item);

    [Fact]
    public void Should_read_everything_out_of_a_weibo_post()
    {
        var item = Items.Weibo(WeiboHtml, followers: 500_000, engagement: new Engagement(Likes: 100, Comments: 20, Shares: 5));

        var extracted = Extract(item);

        Assert.Equal(item.CoverageId, extracted.CoverageId);
        Assert.Equal(Contracts.PlatformNames.Weibo, extracted.Platform);
        Assert.Equal(item.PublishedAt, extracted.PublishedAt);
        Assert.Equal("zh", extracted.Language);
        Assert.Equal("#雷军年度演讲# 小米SU7 Ultra正式发布,雷军说这是梦想[哈哈] @小米汽车 网页链接", extracted.NormalizedText);
        Assert.Equal(["lei-jun", "xiaomi-su7-ultra", "xiaomi-auto"], extracted.Entities.Select(e => e.Id));
        Assert.Equal(2, extracted.Entities[0].Count);
        Assert.Equal(["雷军年度演讲"], extracted.Hashtags);
        Assert.Equal(["小米汽车"], extracted.Mentions);
        Assert.Equal(["http://t.cn/A6abcdEF"], extracted.Urls);
        Assert.Contains("雷军", extracted.Keywords);
        Assert.Contains("梦想", extracted.Keywords);
        Assert.DoesNotContain("网页链接", extracted.Keywords);
        Assert.DoesNotContain("哈哈", extracted.Keywords);
        Assert.Equal(500_000, extracted.Reach);
        Assert.Equal(ClusterKey.Compute(extracted.NormalizedText), extracted.ClusterId);
        Assert.Equal(SimHash.Compute(extracted.NormalizedText), extracted.SimHash);
    }

    [Fact]
    public void Should_merge_the_sources_hashtags_with_those_in_the_text()
    {
        var item = Items.Douyin("提车一个月的真实感受 #小米SU7 #新能源汽车 😍", new Engagement(Likes: 12_000, Views: 900_000), hashtags: ["小米su7", "提车"]);

        var extracted = Extract(item);

        Assert.Equal(["小米su7", "提车", "新能源汽车"], extracted.Hashtags);
        Assert.EndsWith("😍", extracted.NormalizedText);
        Assert.Equal(900_000, extracted.Reach);
    }

    [Fact]
    public void Should_read_a_xiaohongshu_title_together_with_its_note()
    {
        var item = Items.Xiaohongshu("ＳＵ７　Ｕｌｔｒａ提车！", "纽北圈速太猛了 #小米SU7[话题]# #保时捷[话题]#", new Engagement(Likes: 800, Collects: 200));

        var extracted = Extract(item);

        Assert.Equal("SU7 Ultra提车!\n纽北圈速太猛了 #小米SU7[话题]# #保时捷[话题]#", extracted.NormalizedText);
        Assert.Equal(["xiaomi-su7-ultra", "xiaomi-su7", "porsche"], extracted.Entities.Select(e => e.Id));
        Assert.Equal(["小米SU7", "保时捷"], extracted.Hashtags);
        Assert.Equal(20_000, extracted.Reach);
    }

    [Fact]
    public void Should_not_repeat_a_title_the_body_starts_with()
    {
        var item = Items.News("Xiaomi SU7 takes on Tesla", "<p>Xiaomi SU7 takes on Tesla</p><p>Xiaomi's first car went on sale in Beijing.</p>");

        var extracted = Extract(item);

        Assert.Equal("Xiaomi SU7 takes on Tesla\nXiaomi's first car went on sale in Beijing.", extracted.NormalizedText);
        Assert.Equal("en", extracted.Language);
        Assert.Equal(["xiaomi-su7", "tesla", "xiaomi"], extracted.Entities.Select(e => e.Id));
    }

    [Fact]
    public void Should_cluster_a_repost_with_its_original()
    {
        const string original = "小米SU7正式上市，标准版售价21.59万元。雷军在发布会上表示，小米SU7的目标是打造50万元以内最好看、最好开、最智能的轿车。";

        var first = Extract(Items.Weibo(original));
        var repost = Extract(Items.Weibo("转发微博<a href='/n/小米汽车'>//@小米汽车</a>:" + original));
        var other = Extract(Items.Weibo("小米SU7试驾体验：加速很猛，底盘扎实，但是车机系统还需要优化。"));

        Assert.Equal(first.ClusterId, repost.ClusterId);
        Assert.NotEqual(first.ClusterId, other.ClusterId);
    }

    [Fact]
    public void Should_give_an_item_without_words_a_cluster_of_its_own()
    {
        var first = Extract(Items.Weibo("转发微博"));
        var second = Extract(Items.Weibo("转发微博"));

        Assert.Equal("item-" + first.CoverageId.ToString("N"), first.ClusterId);
        Assert.NotEqual(first.ClusterId, second.ClusterId);
    }

    [Fact]
    public void Should_give_the_same_results_from_many_threads()
    {
        var items = Enumerable.Range(0, 64)
            .Select(i => Items.Weibo($"第{i}条：小米SU7 Ultra对比保时捷Taycan，雷军说续航{i}公里 #SU7#"))
            .ToArray();
        var sequential = items.Select(Extract).ToArray();

        var parallel = new ContentExtracted[items.Length];
        Parallel.For(0, items.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = Extract(items[i]));

        for (var i = 0; i < items.Length; i++)
        {
            Assert.Equal(sequential[i].ClusterId, parallel[i].ClusterId);
            Assert.Equal(sequential[i].SimHash, parallel[i].SimHash);
            Assert.Equal(sequential[i].Keywords, parallel[i].Keywords);
            Assert.Equal(sequential[i].Entities, parallel[i].Entities);
        }
    }

    [Fact]
    public void Should_reject_an_item_from_an_unknown_platform()
    {
        var item = Items.Weibo("小米") with { Platform = "tiktok" };

        var error = Assert.Throws<ArgumentException>(() => Extract(item));

        Assert.Contains("tiktok", error.Message);
    }
}
