using Monitor.Contracts;
using Monitor.Feeds.Sdk.Journal;

namespace Monitor.Api.Tests.Infrastructure;

public static class SampleFeeds
{
    /// <summary>A Weibo feed registered at <paramref name="at"/>, with its journal to append its cycles through.</summary>
    public static async Task<EventStoreFeedJournal> RegisterAsync(ApiApp api, string feed, DateTimeOffset at)
    {
        var journal = new EventStoreFeedJournal(api.Store, feed);
        await journal.LoadAsync(default);
        await journal.RegisterAsync(new FeedRegistered(feed, PlatformNames.Weibo, "https://weibo.example.com", ["小米SU7"], TimeSpan.FromMinutes(1), "host", "1.0", at), default);
        return journal;
    }
}
