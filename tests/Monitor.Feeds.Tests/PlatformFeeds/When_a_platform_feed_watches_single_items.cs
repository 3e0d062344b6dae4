using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Feeds.Douyin;
using Monitor.Feeds.Sdk.Configuration;
using Monitor.Feeds.Sdk.Testing;
using Monitor.Feeds.Tests.Support;
using Monitor.Feeds.Weibo;
using Xunit;

namespace Monitor.Feeds.Tests.PlatformFeeds;

public sealed class When_a_platform_feed_watches_single_items
{
    private static JsonNode FirstWeiboPost()
    {
        var cards = JsonNode.Parse(Samples.Text("weibo/search-20240328-launch-p1.json"))!["data"]!["cards"]!.AsArray();
        return cards.Select(c => c?["mblog"]).First(m => m is not null)!.DeepClone();
    }

    [Fact]
    public async Task Weibo_fetches_each_watched_post_every_cycle_with_its_current_counts()
    {
        var post = FirstWeiboPost();
        var id = post["id"]!.ToString();
        var likes = "1.2万";
        await using var server = await LocalSourceServer.StartAsync(app => app.MapGet("/statuses/show", (string id) =>
        {
            if (id == "gone") return Results.Text("""{"ok":1}""", "application/json");
            var copy = post.DeepClone();
            copy["attitudes_count"] = Volatile.Read(ref likes);
            return Results.Text(new JsonObject { ["ok"] = 1, ["data"] = copy }.ToJsonString(), "application/json");
        }));
        var settings = new FeedSettings { Name = "weibo", BaseUrl = server.BaseUri, Items = [id, "gone"], RequestSpacing = TimeSpan.Zero };
        var run = new FeedRun(new WeiboFeed(Clients.Create(settings), settings, NullLogger<WeiboFeed>.Instance), settings);

        await run.CycleAsync();
        Volatile.Write(ref likes, "3.2万");
        await run.CycleAsync();

        Assert.Equal([12_000L, 32_000L], run.Publisher.Published.Select(p => p.Engagement.Likes!.Value));
        Assert.All(run.Publisher.Published, p => Assert.Equal(id, p.PlatformId));
        Assert.Equal(["gone", "gone"], run.Journal.Quarantined.Select(q => q.PlatformId));
        Assert.Contains("'data' is missing", run.Journal.Quarantined[0].Reason);
    }

    [Fact]
    public async Task Douyin_reads_a_watched_video_after_its_keyword_pages()
    {
        var aweme = JsonNode.Parse(Samples.Text("douyin/search-20240720-export.json"))!["aweme_list"]![0]!.DeepClone();
        await using var server = await LocalSourceServer.StartAsync(app =>
        {
            app.MapGet("/aweme/v1/web/search/item/", () => Results.Text("""{"status_code":0,"aweme_list":[],"has_more":0}""", "application/json"));
            app.MapGet("/aweme/v1/web/aweme/detail/", () => Results.Text(new JsonObject { ["status_code"] = 0, ["aweme_detail"] = aweme.DeepClone() }.ToJsonString(), "application/json"));
        });
        var settings = new FeedSettings { Name = "douyin", BaseUrl = server.BaseUri, Keywords = ["小米SU7"], Items = [aweme["aweme_id"]!.ToString()], RequestSpacing = TimeSpan.Zero };
        var run = new FeedRun(new DouyinFeed(Clients.Create(settings), settings), settings);

        var result = await run.CycleAsync();

        Assert.Equal(2, result.Pages);
        Assert.Equal([aweme["aweme_id"]!.ToString()], run.Publisher.Published.Select(p => p.PlatformId));
        Assert.Equal(["/aweme/v1/web/search/item/", "/aweme/v1/web/aweme/detail/"], server.Requests.Select(r => r.Path));
    }
}
