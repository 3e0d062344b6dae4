using Monitor.Contracts;
using Monitor.Feeds.Sdk.Journal;

namespace Monitor.Dashboard.Tests.Infrastructure;

/// <summary>Feeds in the states the health panel tells apart, written through the feed SDK's own journal.</summary>
public static class SampleFeeds
{
    public const int Count = 3;

    public static async Task WriteAsync(EventStore.EventStore store, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        var interval = TimeSpan.FromMinutes(5);

        var weibo = await RegisterAsync(store, "weibo-su7-search", PlatformNames.Weibo, "https://m.weibo.cn/api/container/getIndex", interval, now.AddHours(-2), ct);
        await weibo.HeartbeatAsync(new FeedHeartbeat("weibo-su7-search", 173, 2, 12, now.AddMinutes(-1)), ct);

        var douyin = await RegisterAsync(store, "douyin-su7-search", PlatformNames.Douyin, "https://www.douyin.com/aweme/v1/web/search", interval, now.AddHours(-2), ct);
        await douyin.HeartbeatAsync(new FeedHeartbeat("douyin-su7-search", 95, 0, 7, now.AddMinutes(-12)), ct);
        await douyin.FailingAsync(new FeedFailing("douyin-su7-search", "HTTP 429 Too Many Requests from the search API", 1, now.AddMinutes(-3)), ct);

        var news = await RegisterAsync(store, "news-rss", PlatformNames.News, "https://news.example.cn/auto/rss.xml", interval, now.AddDays(-3), ct);
        await news.HeartbeatAsync(new FeedHeartbeat("news-rss", 24, 0, 4, now.AddDays(-2)), ct);
    }

    private static async Task<EventStoreFeedJournal> RegisterAsync(
        EventStore.EventStore store, string feed, string platform, string source, TimeSpan interval, DateTimeOffset at, CancellationToken ct)
    {
        var journal = new EventStoreFeedJournal(store, feed);
        await journal.LoadAsync(ct);
        await journal.RegisterAsync(new FeedRegistered(feed, platform, source, ["小米SU7", "Xiaomi SU7"], interval, "test-host:1", "1.0.0", at), ct);
        return journal;
    }
}
