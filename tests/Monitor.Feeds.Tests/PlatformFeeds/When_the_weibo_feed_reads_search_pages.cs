using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Contracts;
using Monitor.Feeds.Sdk.Configuration;
using Monitor.Feeds.Tests.Support;
using Monitor.Feeds.Sdk.Testing;
using Monitor.Feeds.Weibo;
using Monitor.Platforms;
using Xunit;

namespace Monitor.Feeds.Tests.PlatformFeeds;

public sealed class When_the_weibo_feed_reads_search_pages
{
    private const string LaunchP1 = "weibo/search-20240328-launch-p1.json";
    private const string LaunchP2 = "weibo/search-20240328-launch-p2.json";
    private const string Malformed = "malformed/weibo/search-malformed.json";
    private const string EmptyPage = """{"ok":1,"data":{"cards":[]}}""";

    /// <summary>Keyword 小米SU7: launch p1, p2, the malformed page, then nothing. Keyword 雷军: one empty page.</summary>
    private static Task<LocalSourceServer> Weibo(Func<int, string?>? pageOverride = null) => LocalSourceServer.StartAsync(app =>
    {
        app.MapGet("/api/container/getIndex", (string containerid, int page) =>
        {
            if (!containerid.EndsWith("q=小米SU7", StringComparison.Ordinal)) return Results.Text(EmptyPage, "application/json");
            var body = pageOverride?.Invoke(page) ?? page switch
            {
                1 => Samples.Text(LaunchP1),
                2 => Samples.Text(LaunchP2),
                3 => Samples.Text(Malformed),
                _ => EmptyPage,
            };
            return Results.Text(body, "application/json");
        });
        app.MapGet("/statuses/longtext", (string id) => File.Exists(Samples.Path($"weibo/longtext/{id}.json"))
            ? Results.Text(Samples.Text($"weibo/longtext/{id}.json"), "application/json")
            : Results.NotFound());
    });

    private static FeedRun Run(LocalSourceServer server)
    {
        var settings = new FeedSettings
        {
            Name = "weibo", BaseUrl = server.BaseUri, Keywords = ["小米SU7", "雷军"], RequestSpacing = TimeSpan.Zero, Retries = 2,
        };
        return new FeedRun(new WeiboFeed(Clients.Create(settings), settings, NullLogger<WeiboFeed>.Instance), settings);
    }

    private static PageResult Read(string relative)
    {
        using var doc = JsonDocument.Parse(Samples.Text(relative));
        return new WeiboReader().ReadSearchPage(doc.RootElement, "weibo", DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Should_publish_every_readable_post_of_every_page_and_quarantine_the_malformed_ones()
    {
        await using var server = await Weibo();
        var run = Run(server);

        var result = await run.CycleAsync();

        var expectedIds = new[] { LaunchP1, LaunchP2, Malformed }.SelectMany(p => Read(p).Items).Select(i => i.PlatformId).ToList();
        Assert.True(expectedIds.Count >= 40, $"the sample pages hold {expectedIds.Count} readable posts");
        Assert.Equal(expectedIds, run.Publisher.Published.Select(i => i.PlatformId));
        Assert.Equal(Read(Malformed).Skipped.Select(s => s.PlatformId), run.Journal.Quarantined.Select(q => q.PlatformId));
        Assert.NotEmpty(run.Journal.Quarantined);
        Assert.All(run.Journal.Quarantined, q => Assert.False(string.IsNullOrWhiteSpace(q.Reason)));
        Assert.Equal(5, result.Pages); // four pages of the first keyword (the last empty), one of the second
        Assert.Contains(server.Requests, r => Uri.UnescapeDataString(r.Query).Contains("q=雷军"));
        Assert.Null(run.Journal.Cursor);
    }

    [Fact]
    public async Task Should_normalise_dates_to_utc_strip_html_and_keep_topics()
    {
        await using var server = await Weibo();
        var run = Run(server);

        await run.CycleAsync();

        var posts = run.Publisher.Published.ToList();
        Assert.All(posts, p => Assert.Equal(TimeSpan.Zero, p.PublishedAt.Offset));
        Assert.All(posts, p => Assert.DoesNotContain("<a ", p.Text));
        Assert.Contains(posts, p => p.Hashtags.Count > 0);
        Assert.All(posts, p => Assert.Equal(global::Monitor.Contracts.PlatformNames.Weibo, p.Platform));
        // "Sat Jul 20 10:01:02 +0800 2024"-style dates: the raw first post's date read back as UTC.
        using var doc = JsonDocument.Parse(Samples.Text(LaunchP1));
        var firstRaw = doc.RootElement.GetProperty("data").GetProperty("cards").EnumerateArray()
            .Select(c => c.TryGetProperty("mblog", out var m) ? m : default).First(m => m.ValueKind == JsonValueKind.Object);
        var expected = PlatformTime.ParseWeibo(firstRaw.GetProperty("created_at").GetString()!).ToUniversalTime();
        var id = firstRaw.GetProperty("id").ToString();
        Assert.Equal(expected, posts.First(p => p.PlatformId == id).PublishedAt);
    }

    [Fact]
    public async Task Should_expand_long_posts_with_their_full_text()
    {
        await using var server = await Weibo();
        var run = Run(server);

        await run.CycleAsync();

        var longIds = Directory.GetFiles(Samples.Path("weibo/longtext")).Select(Path.GetFileNameWithoutExtension).ToHashSet();
        var expanded = run.Publisher.Published.Where(p => longIds.Contains(p.PlatformId)).ToList();
        Assert.NotEmpty(expanded);
        foreach (var post in expanded)
        {
            using var doc = JsonDocument.Parse(Samples.Text($"weibo/longtext/{post.PlatformId}.json"));
            var full = WeiboHtml.ToText(WeiboReader.LongTextContent(doc.RootElement)!);
            Assert.Contains(full[..Math.Min(40, full.Length)], post.Text);
            Assert.Contains(server.Requests, r => r.Path == "/statuses/longtext" && r.Query.Contains(post.PlatformId));
        }
    }

    [Fact]
    public async Task Should_publish_a_re_polled_post_again_with_its_new_counts_under_the_same_identity()
    {
        var round = 0;
        await using var server = await Weibo(page => page == 1 && Volatile.Read(ref round) == 1
            ? Samples.Edited(LaunchP1, node => SetLikes(node["data"]!["cards"]!.AsArray(), "3.2万"))
            : null);
        var run = Run(server);

        await run.CycleAsync();
        var first = run.Publisher.Published.ToList();
        Interlocked.Increment(ref round);
        await run.CycleAsync();
        var second = run.Publisher.Published.Skip(first.Count).ToList();

        var firstPageIds = Read(LaunchP1).Items.Select(i => i.PlatformId).ToHashSet();
        var repolled = second.Where(p => firstPageIds.Contains(p.PlatformId)).ToList();
        Assert.Equal(firstPageIds.Count, repolled.Count);
        Assert.All(repolled, p => Assert.Equal(32_000, p.Engagement.Likes));
        Assert.All(repolled, p => Assert.Contains(first, f => CoverageIdentity.For(f.Platform, f.PlatformId, f.Url) == CoverageIdentity.For(p.Platform, p.PlatformId, p.Url)));
    }

    private static void SetLikes(System.Text.Json.Nodes.JsonArray cards, string likes)
    {
        foreach (var card in cards)
        {
            if (card?["mblog"] is { } mblog) mblog["attitudes_count"] = likes;
            if (card?["card_group"] is System.Text.Json.Nodes.JsonArray group) SetLikes(group, likes);
        }
    }

    [Fact]
    public async Task Should_get_through_a_page_that_first_answers_429()
    {
        var calls = 0;
        await using var server = await LocalSourceServer.StartAsync(app =>
            app.MapGet("/api/container/getIndex", (HttpContext c, string containerid, int page) =>
            {
                if (!containerid.EndsWith("q=小米SU7", StringComparison.Ordinal) || page > 1) return Results.Text(EmptyPage, "application/json");
                return Interlocked.Increment(ref calls) == 1 ? Misbehaviour.TooManyRequests(c, 1) : Results.Text(Samples.Text(LaunchP2), "application/json");
            }));
        var run = Run(server);

        await run.CycleAsync();

        Assert.Equal(Read(LaunchP2).Items.Select(i => i.PlatformId), run.Publisher.Published.Select(i => i.PlatformId));
        Assert.Equal(2, calls);
    }
}
