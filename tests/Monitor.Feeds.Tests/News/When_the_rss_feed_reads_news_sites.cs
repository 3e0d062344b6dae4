using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Monitor.Feeds.Rss;
using Monitor.Feeds.Sdk.Configuration;
using Monitor.Feeds.Sdk.Testing;
using Monitor.Feeds.Tests.Support;
using Monitor.Platforms;
using Xunit;

namespace Monitor.Feeds.Tests.News;

public sealed class When_the_rss_feed_reads_news_sites
{
    private static readonly DateTimeOffset Modified = new(2024, 7, 20, 2, 0, 0, TimeSpan.Zero);

    /// <summary>Four news sites: one per feed format, each answering 304 when asked "only if changed".</summary>
    private static Task<LocalSourceServer> NewsSites(string? brokenPath = null) => LocalSourceServer.StartAsync(app =>
    {
        app.MapGet("/tech.xml", (HttpContext c) => WithETag(c, "\"tech-v1\"", "news/rss/rss2-tech-daily.xml", "application/rss+xml; charset=utf-8"));
        app.MapGet("/ev.atom", (HttpContext c) => WithETag(c, "\"ev-v1\"", "news/rss/atom-ev-insider.xml", "application/atom+xml"));
        app.MapGet("/auto.rdf", (HttpContext c) => WithETag(c, "\"auto-v1\"", "news/rss/rss1-auto-weekly.rdf", "application/rdf+xml"));
        app.MapGet("/city.xml", (HttpContext c) =>
        {
            if (c.Request.GetTypedHeaders().IfModifiedSince is { } since && since >= Modified) return Results.StatusCode(304);
            c.Response.GetTypedHeaders().LastModified = Modified;
            return Results.Bytes(File.ReadAllBytes(Samples.Path("news/rss/rss2-gb2312-city-daily.xml")), "application/rss+xml; charset=gb2312");
        });
        app.MapGet("/broken.xml", () => Results.Bytes(File.ReadAllBytes(Samples.Path(brokenPath ?? "malformed/news/rss/truncated.xml")), "application/rss+xml"));
    });

    private static IResult WithETag(HttpContext context, string etag, string sample, string contentType)
    {
        if (context.Request.Headers.IfNoneMatch.ToString() == etag) return Results.StatusCode(304);
        context.Response.Headers.ETag = etag;
        return Results.Bytes(File.ReadAllBytes(Samples.Path(sample)), contentType);
    }

    private static FeedSettings Settings(LocalSourceServer server, params string[] paths) => new()
    {
        Name = "news", Urls = paths.Select(server.Url).ToArray(), RequestSpacing = TimeSpan.Zero, Retries = 1,
    };

    private static RssFeed Feed(FeedSettings settings) => new(Clients.Create(settings), settings);

    private static int ItemsIn(string sample, Uri baseUri)
    {
        using var stream = File.OpenRead(Samples.Path(sample));
        return FeedDocumentReader.Read(stream, baseUri, null).Items.Count;
    }

    [Fact]
    public async Task Should_read_rss2_rss1_atom_and_a_gb2312_feed_into_plain_text_items_with_absolute_links()
    {
        await using var server = await NewsSites();
        var settings = Settings(server, "tech.xml", "ev.atom", "auto.rdf", "city.xml");
        var run = new FeedRun(Feed(settings), settings);

        var result = await run.CycleAsync();

        Assert.Equal(4, result.Pages);
        var expected = ItemsIn("news/rss/rss2-tech-daily.xml", server.Url("tech.xml")) + ItemsIn("news/rss/atom-ev-insider.xml", server.Url("ev.atom"))
                       + ItemsIn("news/rss/rss1-auto-weekly.rdf", server.Url("auto.rdf")) + ItemsIn("news/rss/rss2-gb2312-city-daily.xml", server.Url("city.xml"));
        Assert.Equal(expected, run.Publisher.Published.Count + run.Journal.Quarantined.Count);
        Assert.Empty(run.Journal.Quarantined);
        var items = run.Publisher.Published.ToList();
        Assert.All(items, i => Assert.True(Uri.TryCreate(i.Url, UriKind.Absolute, out var u) && u.Scheme.StartsWith("http"), i.Url));
        Assert.All(items, i => Assert.DoesNotContain("<p>", i.Text));
        Assert.All(items, i => Assert.DoesNotContain("CDATA", i.Text));
        Assert.All(items, i => Assert.Equal(TimeSpan.Zero, i.PublishedAt.Offset));
        // The GB2312 document decodes to Chinese, not mojibake.
        Assert.Contains(items, i => i.Author.Name.Any(ch => ch is >= '\u4e00' and <= '\u9fff') && i.Text.Contains("小米"));
        // The RSS 2.0 sample holds an item without a date: it is published as first seen.
        Assert.Contains(items, i => i.PublishedAt == i.ObservedAt);
    }

    [Fact]
    public async Task Should_ask_only_if_changed_and_publish_nothing_on_304_even_after_a_restart()
    {
        await using var server = await NewsSites();
        var settings = Settings(server, "tech.xml", "city.xml");
        var first = new FeedRun(Feed(settings), settings);
        await first.CycleAsync();
        var published = first.Publisher.Published.Count;
        Assert.True(published > 0);

        // A new feed instance (a restart) resumes from the stored cursor, which holds the validators.
        var cursor = first.Journal.Cursor;
        var restarted = new RssFeed(Clients.Create(settings), settings);
        var page1 = await restarted.FetchPageAsync(cursor, new global::Monitor.Feeds.Sdk.FeedContext("news", DateTimeOffset.UtcNow), CancellationToken.None);
        var page2 = await restarted.FetchPageAsync(page1.Next, new global::Monitor.Feeds.Sdk.FeedContext("news", DateTimeOffset.UtcNow), CancellationToken.None);

        Assert.Empty(page1.Items);
        Assert.Empty(page2.Items);
        var seen = server.Requests.ToArray();
        Assert.Equal("\"tech-v1\"", seen.Last(r => r.Path == "/tech.xml").Headers["If-None-Match"]);
        Assert.True(seen.Last(r => r.Path == "/city.xml").Headers.ContainsKey("If-Modified-Since"));
    }

    [Theory]
    [InlineData("malformed/news/rss/truncated.xml")]
    [InlineData("malformed/news/rss/not-a-feed.xml")]
    public async Task Should_report_a_malformed_document_and_go_on_with_the_other_sites(string broken)
    {
        await using var server = await NewsSites(broken);
        var settings = Settings(server, "broken.xml", "tech.xml");
        var run = new FeedRun(Feed(settings), settings);

        await run.CycleAsync();

        var report = Assert.Single(run.Journal.Quarantined);
        Assert.Contains("broken.xml", report.Reason);
        Assert.Equal(ItemsIn("news/rss/rss2-tech-daily.xml", server.Url("tech.xml")), run.Publisher.Published.Count);
    }
}
