using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Monitor.Feeds.Douyin;
using Monitor.Feeds.Sdk.Configuration;
using Monitor.Feeds.Tests.Support;
using Monitor.Feeds.Sdk.Testing;
using Monitor.Feeds.Xiaohongshu;
using Monitor.Platforms;
using Xunit;

namespace Monitor.Feeds.Tests.PlatformFeeds;

public sealed class When_the_douyin_and_xiaohongshu_feeds_read_search_pages
{
    private static FeedSettings Settings(LocalSourceServer server, string name) => new()
    {
        Name = name, BaseUrl = server.BaseUri, Keywords = ["小米SU7"], RequestSpacing = TimeSpan.Zero, Retries = 1,
    };

    [Fact]
    public async Task Douyin_follows_the_offset_cursor_while_has_more_is_set_and_reads_display_counts()
    {
        // Offset 0: the courage-speech page, marked has_more with cursor 12; offset 12: the web export
        // page with counts like "8.5w"; offset 40: the malformed page, which says there is no more.
        var offsets = new List<int>();
        await using var server = await LocalSourceServer.StartAsync(app => app.MapGet("/aweme/v1/web/search/item/", (string keyword, int offset) =>
        {
            lock (offsets) offsets.Add(offset);
            var body = offset switch
            {
                0 => Samples.Edited("douyin/search-20240719-courage-speech.json", n => { n["has_more"] = 1; n["cursor"] = 12; }),
                12 => Samples.Edited("douyin/search-20240720-export.json", n => { n["has_more"] = 1; n["cursor"] = 40; }),
                40 => Samples.Edited("malformed/douyin/search-malformed.json", n => n["has_more"] = 0),
                _ => """{"status_code":0,"aweme_list":[],"has_more":0}""",
            };
            return Results.Text(body, "application/json");
        }));
        var settings = Settings(server, "douyin");
        var run = new FeedRun(new DouyinFeed(Clients.Create(settings), settings), settings);

        var result = await run.CycleAsync();

        Assert.Equal([0, 12, 40], offsets);
        Assert.Equal(3, result.Pages);
        var export = Read(new DouyinReader().ReadSearchPage, "douyin/search-20240720-export.json");
        var published = run.Publisher.Published.ToDictionary(p => p.PlatformId);
        Assert.All(export.Items, e => Assert.Equal(e.Engagement, published[e.PlatformId].Engagement));
        Assert.Contains(published.Values, p => p.Engagement.Views is >= 10_000 && p.Engagement.Views % 1000 == 0); // "8.5w" -> 85000
        Assert.NotEmpty(run.Journal.Quarantined);
        Assert.All(published.Values, p => Assert.Equal(TimeSpan.Zero, p.PublishedAt.Offset));
        Assert.Contains(published.Values, p => p.Hashtags.Contains("小米SU7"));
    }

    [Fact]
    public async Task Douyin_reads_unix_seconds_as_utc()
    {
        await using var server = await LocalSourceServer.StartAsync(app => app.MapGet("/aweme/v1/web/search/item/", () =>
            Results.Text(Samples.Text("douyin/search-20240720-export.json"), "application/json")));
        var settings = Settings(server, "douyin");
        var run = new FeedRun(new DouyinFeed(Clients.Create(settings), settings), settings);

        await run.CycleAsync();

        using var doc = JsonDocument.Parse(Samples.Text("douyin/search-20240720-export.json"));
        var first = doc.RootElement.GetProperty("aweme_list")[0];
        var expected = DateTimeOffset.FromUnixTimeSeconds(first.GetProperty("create_time").GetInt64());
        Assert.Equal(expected, run.Publisher.Published.Single(p => p.PlatformId == first.GetProperty("aweme_id").GetString()).PublishedAt);
    }

    [Fact]
    public async Task Xiaohongshu_pages_while_has_more_and_reads_milliseconds_seconds_and_topics()
    {
        var pages = new List<int>();
        await using var server = await LocalSourceServer.StartAsync(app => app.MapGet("/api/sns/web/v1/search/notes", (string keyword, int page) =>
        {
            lock (pages) pages.Add(page);
            var body = page switch
            {
                1 => Samples.Edited("xiaohongshu/search-20240328-launch.json", n => n["data"]!["has_more"] = true),
                2 => Samples.Edited("malformed/xiaohongshu/search-malformed.json", n => n["data"]!["has_more"] = false),
                _ => """{"success":true,"data":{"items":[],"has_more":false}}""",
            };
            return Results.Text(body, "application/json");
        }));
        var settings = Settings(server, "xiaohongshu");
        var run = new FeedRun(new XiaohongshuFeed(Clients.Create(settings), settings), settings);

        await run.CycleAsync();

        Assert.Equal([1, 2], pages);
        var launch = Read(new XiaohongshuReader().ReadSearchPage, "xiaohongshu/search-20240328-launch.json");
        Assert.Superset(launch.Items.Select(i => i.PlatformId).ToHashSet(), run.Publisher.Published.Select(p => p.PlatformId).ToHashSet());
        Assert.NotEmpty(run.Journal.Quarantined);
        Assert.All(run.Journal.Quarantined, q => Assert.False(string.IsNullOrWhiteSpace(q.Reason)));

        // Both epoch forms of the page land on the same UTC instants the raw values name.
        using var doc = JsonDocument.Parse(Samples.Text("xiaohongshu/search-20240328-launch.json"));
        foreach (var item in doc.RootElement.GetProperty("data").GetProperty("items").EnumerateArray())
        {
            if (!item.TryGetProperty("note_card", out var card) || !card.TryGetProperty("time", out var time)) continue;
            var id = item.TryGetProperty("note_id", out var nid) ? nid.GetString() : item.GetProperty("id").GetString();
            var raw = time.GetInt64();
            var expected = raw > 100_000_000_000 ? DateTimeOffset.FromUnixTimeMilliseconds(raw) : DateTimeOffset.FromUnixTimeSeconds(raw);
            Assert.Equal(expected, run.Publisher.Published.First(p => p.PlatformId == id).PublishedAt);
        }
        Assert.Contains(run.Publisher.Published, p => p.Hashtags.Contains("小米SU7"));
    }

    private static PageResult Read(Func<JsonElement, string, DateTimeOffset, PageResult> read, string relative)
    {
        using var doc = JsonDocument.Parse(Samples.Text(relative));
        return read(doc.RootElement, "test", DateTimeOffset.UtcNow);
    }
}
