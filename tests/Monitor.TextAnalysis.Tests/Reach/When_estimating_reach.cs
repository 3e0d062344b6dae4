using Monitor.Contracts;
using Monitor.TextAnalysis;
using Xunit;

namespace Monitor.TextAnalysis.Tests.Reach;

public class When_estimating_reach
{
    private static readonly Author Anonymous = new("1", "someone");

    private static Author WithFollowers(long followers) => new("1", "someone", followers);

    [Fact]
    public void Should_take_weibo_reach_from_followers()
    {
        var reach = ReachModel.Estimate(Contracts.PlatformNames.Weibo, WithFollowers(1_000_000), new Engagement(Likes: 500, Comments: 100, Shares: 50));

        Assert.Equal(1_000_000, reach);
    }

    [Fact]
    public void Should_take_douyin_reach_from_plays()
    {
        var reach = ReachModel.Estimate(Contracts.PlatformNames.Douyin, WithFollowers(300_000), new Engagement(Likes: 20_000, Views: 2_000_000));

        Assert.Equal(2_000_000, reach);
    }

    [Fact]
    public void Should_derive_xiaohongshu_reach_from_engagement()
    {
        // (1,000 + 200 + 0 + 300) interactions at a 5% engagement rate.
        var reach = ReachModel.Estimate(Contracts.PlatformNames.Xiaohongshu, WithFollowers(3_000), new Engagement(Likes: 1_000, Comments: 200, Shares: 0, Collects: 300));

        Assert.Equal(30_000, reach);
    }

    [Fact]
    public void Should_derive_reach_from_engagement_when_plays_are_missing()
    {
        Assert.Equal(100_000, ReachModel.Estimate(Contracts.PlatformNames.Douyin, Anonymous, new Engagement(Likes: 4_000)));
    }

    [Fact]
    public void Should_let_a_viral_weibo_post_reach_beyond_its_followers()
    {
        var reach = ReachModel.Estimate(Contracts.PlatformNames.Weibo, WithFollowers(2_000), new Engagement(Likes: 8_000, Comments: 1_000, Shares: 1_000));

        Assert.Equal(1_000_000, reach);
    }

    [Fact]
    public void Should_weigh_the_same_counts_differently_per_platform()
    {
        var engagement = new Engagement(Likes: 1_000);

        var weibo = ReachModel.Estimate(Contracts.PlatformNames.Weibo, WithFollowers(10_000), engagement);
        var douyin = ReachModel.Estimate(Contracts.PlatformNames.Douyin, WithFollowers(10_000), engagement);
        var news = ReachModel.Estimate(Contracts.PlatformNames.News, Anonymous, engagement);

        Assert.Equal(100_000, weibo);
        Assert.Equal(25_000, douyin);
        Assert.Equal(200_000, news);
    }

    [Fact]
    public void Should_be_zero_when_nothing_is_known()
    {
        Assert.Equal(0, ReachModel.Estimate(Contracts.PlatformNames.News, Anonymous, Engagement.None));
    }

    [Fact]
    public void Should_reject_an_unknown_platform_by_name()
    {
        var error = Assert.Throws<ArgumentException>(() => ReachModel.Estimate("tiktok", Anonymous, Engagement.None));

        Assert.Contains("Unknown platform 'tiktok'", error.Message);
    }

    [Fact]
    public void Should_reject_a_negative_count_by_name()
    {
        var error = Assert.Throws<ArgumentException>(() => ReachModel.Estimate(Contracts.PlatformNames.Weibo, Anonymous, new Engagement(Likes: -1)));

        Assert.Contains("likes count is negative", error.Message);
    }
}
