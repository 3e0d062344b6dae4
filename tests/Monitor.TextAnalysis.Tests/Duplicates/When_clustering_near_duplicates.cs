using Monitor.TextAnalysis;
using Xunit;

namespace Monitor.TextAnalysis.Tests.Duplicates;

public class When_clustering_near_duplicates
{
    private const string Original =
        "小米SU7正式上市，标准版售价21.59万元，Pro版24.59万元，Max版29.99万元。雷军在发布会上表示，" +
        "小米SU7的目标是打造50万元以内最好看、最好开、最智能的轿车。上市27分钟大定突破5万台。";

    private const string Article =
        "3月28日晚，小米汽车在北京举行发布会，小米SU7正式上市，标准版售价21.59万元，Pro版24.59万元，Max版29.99万元。" +
        "雷军在发布会上表示，小米SU7的目标是打造50万元以内最好看、最好开、最智能的轿车。上市27分钟大定突破5万台，" +
        "首批车辆将于4月3日开始交付。小米汽车工厂位于北京亦庄，年产能15万辆，二期工厂正在建设中。业内人士认为，" +
        "小米SU7的定价低于市场预期，将对特斯拉Model 3和比亚迪汉等车型形成直接竞争。";

    /// <summary>Texts whose shingles are the original's: they always share its cluster id.</summary>
    public static TheoryData<string, string> Copies => new()
    {
        { "repost without comment", "转发微博 //@小米汽车: " + Original },
        { "repost with comment", "太帅了，已经下定！//@雷军:" + Original },
        { "repost as the Weibo reader writes it", "21.59万,真香\n//@小米汽车: " + Original },
        { "repost of a repost", "冲！//@米粉十年:雷总加油 //@雷军: " + Original },
        { "repost with a long comment of its own", "发布会看完了，说说我的看法：价格比预期低很多，配置也很有诚意，就看交付速度了。\n//@小米汽车: " + Original },
        { "other punctuation, spacing and a link", Original.Replace("，", ",").Replace("。", ". ") + " http://t.cn/A6x" },
        { "full-width and upper case", Original.Replace("SU7", "ＳＵ７").Replace("Pro", "PRO") },
    };

    /// <summary>Copies of a news article that share most, not all, of its shingles.</summary>
    public static TheoryData<string, string> Syndicated => new()
    {
        { "source line and editor added", "【来源：新浪汽车】" + Article + " 责任编辑：张三" },
        { "one sentence reworded", Article.Replace("上市27分钟大定突破5万台", "上市半小时订单超过五万") },
        { "last sentence cut", Article[..Article.IndexOf("业内人士", StringComparison.Ordinal)] },
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
    public void Should_give_copies_the_original_simhash(string copy, string text)
    {
        Assert.True(SimHash.Compute(Original) == SimHash.Compute(text), $"{copy} got another SimHash");
    }

    [Theory]
    [MemberData(nameof(Syndicated))]
    public void Should_give_syndicated_copies_a_simhash_within_the_near_duplicate_distance(string copy, string text)
    {
        var distance = SimHash.Distance(SimHash.Compute(Article), SimHash.Compute(text));

        Assert.True(SimHash.AreNearDuplicates(SimHash.Compute(Article), SimHash.Compute(text)), $"{copy}: {distance} bits apart");
    }

    [Fact]
    public void Should_share_the_cluster_id_about_as_often_as_the_cube_of_the_shingle_overlap()
    {
        // 400 random 200-character texts, each with a copy where two characters far apart differ:
        // 8 of about 200 shingles change, Jaccard ≈ 189/205 ≈ 0.92, so about 0.92³ ≈ 0.79 of the pairs share an id.
        var random = new Random(20240328);
        const int texts = 400;
        var shared = 0;
        var unrelatedShared = 0;
        string? previous = null;
        for (var i = 0; i < texts; i++)
        {
            var text = RandomChinese(random, 200);
            var copy = text.ToCharArray();
            copy[50] = '甲';
            copy[150] = '乙';
            if (ClusterKey.Compute(text) == ClusterKey.Compute(new string(copy))) shared++;
            if (previous is not null && ClusterKey.Compute(text) == ClusterKey.Compute(previous)) unrelatedShared++;
            previous = text;
        }

        Assert.InRange(shared / (double)texts, 0.65, 0.92);
        Assert.Equal(0, unrelatedShared);
    }

    private static string RandomChinese(Random random, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++) chars[i] = (char)random.Next(0x4E00, 0x4E00 + 3000);
        return new string(chars);
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
