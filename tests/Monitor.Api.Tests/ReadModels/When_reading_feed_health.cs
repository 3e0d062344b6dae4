using Monitor.Api.Feeds;
using Monitor.Api.Tests.Infrastructure;
using Monitor.Contracts;
using Monitor.Feeds.Sdk.Journal;
using Monitor.ReadModels.Feeds;
using Monitor.Testing;

namespace Monitor.Api.Tests.ReadModels;

public class When_reading_feed_health(PostgresSchema schema) : IClassFixture<PostgresSchema>, IAsyncLifetime
{
    private ApiApp _api = null!;

    public async Task InitializeAsync() => _api = await ApiApp.StartAsync(schema);

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private Task<EventStoreFeedJournal> RegisterAsync(string feed, DateTimeOffset at) => SampleFeeds.RegisterAsync(_api, feed, at);

    [Fact]
    public async Task Each_feed_shows_its_status_last_error_and_counts()
    {
        var now = DateTimeOffset.UtcNow;
        var ok = await RegisterAsync("ok", now.AddMinutes(-2));
        await ok.HeartbeatAsync(new FeedHeartbeat("ok", 20, 1, 2, now.AddMinutes(-1)), default);
        await ok.HeartbeatAsync(new FeedHeartbeat("ok", 5, 0, 1, now), default);
        await ok.QuarantineAsync([
            new FeedItemQuarantined("ok", PlatformNames.Weibo, "1", "created_at: 'soon' is not a date", "{\"id\":1}", null, now),
            new FeedItemQuarantined("ok", PlatformNames.Weibo, "2", "text: missing", "{\"id\":2}", null, now)], default);
        var degraded = await RegisterAsync("degraded", now.AddMinutes(-3));
        await degraded.HeartbeatAsync(new FeedHeartbeat("degraded", 3, 0, 1, now.AddMinutes(-2)), default);
        await degraded.FailingAsync(new FeedFailing("degraded", "GET https://weibo.example.com timed out", 1, now), default);
        var failing = await RegisterAsync("failing", now.AddMinutes(-4));
        for (var n = 1; n <= 3; n++)
            await failing.FailingAsync(new FeedFailing("failing", "HTTP 503", n, now.AddMinutes(n - 3)), default);
        var silent = await RegisterAsync("silent", now.AddHours(-2));
        await silent.HeartbeatAsync(new FeedHeartbeat("silent", 1, 0, 1, now.AddHours(-2)), default);
        await _api.WaitForProjectionsAsync();
        using var http = _api.Client();

        var feeds = (await http.GetAsync<FeedView[]>("/api/feeds")).ToDictionary(f => f.Feed);

        Assert.Equal(
            [("degraded", FeedStatuses.Degraded), ("failing", FeedStatuses.Failing), ("ok", FeedStatuses.Ok), ("silent", FeedStatuses.Silent)],
            feeds.Values.Select(f => (f.Feed, f.Status)).OrderBy(f => f.Feed));
        Assert.Equal((25L, 2L, (string?)null), (feeds["ok"].ItemsPublished, feeds["ok"].Quarantined, feeds["ok"].LastError));
        Assert.Equal("HTTP 503", feeds["failing"].LastError);
        Assert.Equal(3, feeds["failing"].ConsecutiveFailures);
        Assert.Equal("GET https://weibo.example.com timed out", feeds["degraded"].LastError);
        Assert.Equal(PlatformNames.Weibo, feeds["silent"].Platform);
    }
}
