using Monitor.TextAnalysis;
using Xunit;

namespace Monitor.TextAnalysis.Tests.Duplicates;

public class When_clustering_near_duplicates
{
    private const string Original =
        "小米SU7正式上市，标准版售价21.59万元，Pro版24.59万元，Max版29.99万元。雷军在发布会上表示，" +
        "小米SU7的目标是打造50万元以内最好看、最好开、最智能的轿车。上市27分钟大定突破5万台。";

    public static TheoryData<string, string> Copies => new()
    {
        { "repost without comment", "转发微博 //@小米汽车: " + Original },
        { "repost with comment", "太帅了，已经下定！//@雷军:" + Original },
        { "repost as the Weibo reader writes it", "21.59万,真香\n//@小米汽车: " + Original },
        { "repost of a repost", "冲！//@米粉十年:雷总加油 //@雷军: " + Original },
        { "repost with a long comment of its own", "发布会看完了，说说我的看法：价格比预期低很多，配置也很有诚意，就看交付速度了。\n//@小米汽车: " + Original },
        { "syndicated with source and editor", "【来源：新浪汽车】" + Original + " 责任编辑：张三" },
        { "other punctuation, spacing and a link", Original.Replace("，", ",").Replace("。", ". ") + " http://t.cn/A6x" },
        { "full-width and upper case", Original.Replace("SU7", "ＳＵ７").Replace("Pro", "PRO") },
        { "one sentence reworded", Original.Replace("上市27分钟大定突破5万台", "上市半小时订单超过五万") },
    };

    public static TheoryData<string, string> OtherPosts => new()
    {
        { "a review of the same car", "小米SU7试驾体验：加速很猛，底盘扎实，但是车机系统还需要优化，续航表现一般。雷军说会继续OTA升级。" },
        { "a competitor's price cut", "特斯拉Model 3焕新版降价，起售价23.19万元，比亚迪汉也推出了新的优惠政策，价格战愈演愈烈。" },
        { "the same car's deliveries", "小米SU7正式开启交付，首批车主在北京工厂提车。雷军亲自为车主交车，并表示产能将继续提升。" },
    };

    [Theory]
    [MemberData(nameof(Copies))]
    public void Should_give_copies_the_original_cluster_id(string copy, string text)
    {
        Assert.True(ClusterKey.Compute(text) == ClusterKey.Compute(Original), $"{copy} got another cluster id");
    }

    [Theory]
    [MemberData(nameof(Copies))]
    public void Should_give_copies_a_simhash_within_the_near_duplicate_distance(string copy, string text)
    {
        var distance = SimHash.Distance(SimHash.Compute(Original), SimHash.Compute(text));

        Assert.True(distance <= SimHash.NearDuplicateDistance, $"{copy}: {distance} bits apart");
        Assert.True(SimHash.AreNearDuplicates(SimHash.Compute(Original), SimHash.Compute(text)));
    }

    [Theory]
    [MemberData(nameof(OtherPosts))]
    public void Should_keep_other_posts_on_the_same_subject_apart(string post, string text)
    {
        var distance = SimHash.Distance(SimHash.Compute(Original), SimHash.Compute(text));

        Assert.NotEqual(ClusterKey.Compute(Original), ClusterKey.Compute(text));
        Assert.True(distance > SimHash.NearDuplicateDistance, $"{post}: only {distance} bits apart");
    }

    [Fact]
    public void Should_not_cluster_reposts_by_a_forwarded_comment_without_words()
    {
        var first = "温润如玉[鼓掌]//@珠莉: //@灵山: 转发微博";
        var second = "亲们要注意啦//@五洲酒店: 转给使用的亲们。//@财经报道: 转发微博";

        Assert.NotEqual(ClusterKey.Compute(first), ClusterKey.Compute(second));
        Assert.Equal(ClusterKey.Compute("转给使用的亲们。"), ClusterKey.Compute(second));
    }

    [Fact]
    public void Should_keep_english_posts_apart_and_english_copies_together()
    {
        const string story = "Xiaomi priced the SU7 below the Tesla Model 3 and took fifty thousand orders in under half an hour.";
        const string copy = "RT @carnews: Xiaomi priced the SU7 below the Tesla Model 3 and took fifty thousand orders in under half an hour!";
        const string other = "Tesla cut the price of the Model 3 in China again, a week after Xiaomi launched the SU7 sedan.";

        Assert.Equal(ClusterKey.Compute(story), ClusterKey.Compute(copy));
        Assert.NotEqual(ClusterKey.Compute(story), ClusterKey.Compute(other));
    }

    [Fact]
    public void Should_compute_the_same_values_every_time()
    {
        Assert.Equal(SimHash.Compute(Original), SimHash.Compute(new string(Original.AsSpan())));
        Assert.Equal(ClusterKey.Compute(Original), ClusterKey.Compute(new string(Original.AsSpan())));
        Assert.Matches("^nd-[0-9a-f]{16}$", ClusterKey.Compute(Original));
    }

    [Theory]
    [InlineData("")]
    [InlineData("转发微博")]
    [InlineData("😍😍😍 [哈哈] @雷军 http://t.cn/A6x")]
    public void Should_have_no_cluster_for_text_without_words(string text)
    {
        Assert.Null(ClusterKey.Compute(text));
        Assert.Equal(0UL, SimHash.Compute(text));
    }

    [Fact]
    public void Should_cluster_short_texts_by_all_they_have()
    {
        Assert.Equal(ClusterKey.Compute("好车"), ClusterKey.Compute("好车!"));
        Assert.NotEqual(ClusterKey.Compute("好车"), ClusterKey.Compute("好贵"));
    }

    [Fact]
    public void Should_measure_distance_in_differing_bits()
    {
        Assert.Equal(0, SimHash.Distance(0xF0UL, 0xF0UL));
        Assert.Equal(4, SimHash.Distance(0b1011UL, 0b0100UL));
        Assert.Equal(64, SimHash.Distance(0UL, ulong.MaxValue));
    }
}
