using Monitor.Contracts;

namespace Monitor.Feeds.Tests.Support;

public static class Items
{
    public static CoverageReceived Post(string id, DateTimeOffset at, long likes = 0) => new(
        Contracts.PlatformNames.Weibo, id, $"https://weibo.com/1/{id}", null, $"post {id}",
        new Author("1", "tester"), at, new Engagement(Likes: likes), [], null, "test", at);
}
