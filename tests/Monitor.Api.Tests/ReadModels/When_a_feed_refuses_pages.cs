using Monitor.Api.Feeds;
using Monitor.Api.Tests.Infrastructure;
using Monitor.Contracts;
using Monitor.Feeds.Sdk.Journal;
using Monitor.ReadModels.Feeds;
using Monitor.Testing;

namespace Monitor.Api.Tests.ReadModels;

public class When_a_feed_refuses_pages(PostgresSchema schema) : IClassFixture<PostgresSchema>, IAsyncLifetime
{
    private ApiApp _api = null!;

    public async Task InitializeAsync() => _api = await ApiApp.StartAsync(schema);

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private Task<EventStoreFeedJournal> RegisterAsync(string feed, DateTimeOffset at) => SampleFeeds.RegisterAsync(_api, feed, at);

    [Fact]
    public async Task A_feed_whose_last_cycle_refused_a_page_is_degraded_with_the_reason_until_a_cycle_refuses_none()
    {
        const string wall = "GET https://weibo.example.com/api/container/getIndex answered HTML, not JSON (a login wall or captcha page?)";
        var now = DateTimeOffset.UtcNow;
        var walled = await RegisterAsync("walled", now.AddMinutes(-2));
        await walled.HeartbeatAsync(new FeedHeartbeat("walled", 10, 1, 2, now, PagesRefused: 1, LastPageRefused: wall), default);
        var recovered = await RegisterAsync("recovered", now.AddMinutes(-3));
        await recovered.HeartbeatAsync(new FeedHeartbeat("recovered", 10, 2, 3, now.AddMinutes(-1), PagesRefused: 2, LastPageRefused: wall), default);
        await recovered.HeartbeatAsync(new FeedHeartbeat("recovered", 20, 0, 2, now), default);
        await _api.WaitForProjectionsAsync();
        using var http = _api.Client();

        var feeds = (await http.GetAsync<FeedView[]>("/api/feeds")).ToDictionary(f => f.Feed);

        Assert.Equal((FeedStatuses.Degraded, 1L, wall), (feeds["walled"].Status, feeds["walled"].PagesRefused, feeds["walled"].LastPageRefused));
        Assert.Equal((FeedStatuses.Ok, 2L, (string?)null), (feeds["recovered"].Status, feeds["recovered"].PagesRefused, feeds["recovered"].LastPageRefused));
    }
}
