using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Monitor.Feeds.Rss;
using Monitor.Feeds.Sdk.Configuration;
using Monitor.Feeds.Sdk.Http;
using Monitor.Contracts;
using Monitor.Feeds.Sdk.Testing;
using Monitor.Feeds.Tests.Support;
using Xunit;

namespace Monitor.Feeds.Tests.Hostile;

public sealed class When_a_news_feed_holds_hostile_entries
{
    private static string Item(string id, string inner) =>
        $"<item><link>https://news.example.cn/{id}.html</link><pubDate>Fri, 19 Jul 2024 22:40:00 +0800</pubDate>{inner}</item>";

    private static async Task<FeedRun> CycleAsync(byte[] document, string contentType = "application/rss+xml")
    {
        await using var server = await LocalSourceServer.StartAsync(app =>
            app.MapGet("/feed.xml", () => Results.Bytes(document, contentType)));
        var settings = new FeedSettings { Name = "news-hostile", Urls = [server.Url("feed.xml")], RequestSpacing = TimeSpan.Zero, Retries = 1 };
        var run = new FeedRun(new RssFeed(Clients.Create(settings), settings), settings);
        await run.CycleAsync();
        return run;
    }

    [Fact]
    public async Task Should_quarantine_each_hostile_entry_naming_the_field_and_publish_the_others()
    {
        var xml = $"""
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0"><channel><title>示例&nbsp;日报 &copy; 2024</title>
              {Item("good-1", "<title>小米SU7 &amp; Model 3&mdash;对比</title><description>&lt;p&gt;正文&lt;/p&gt;</description>")}
              {Item("surrogate", "<title>坏&#xD800;标题</title>")}
              {Item("nul", "<title>T</title><description>a&#0;b</description>")}
              <item><title>没有链接</title><guid isPermaLink="false">x-1</guid></item>
              {Item("script", "<title>脚本</title><description><![CDATA[<p>开头</p><script>" + new string('x', 450_000) + "]]></description>")}
              {Item("double", "<title>转义两次</title><description>&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;&amp;lt;a href=&amp;quot;javascript:alert(2)&amp;quot;&amp;gt;点我&amp;lt;/a&amp;gt;</description>")}
              {Item("good-2", "<title>第二条 R&D</title><description>链接 https://a.example.cn/?a=1&b=2</description>")}
            </channel></rss>
            """;

        var run = await CycleAsync(Encoding.UTF8.GetBytes(xml));

        var published = run.Publisher.Published.ToDictionary(p => p.Url.Split('/').Last().Replace(".html", ""));
        Assert.Equal(["good-1", "script", "double", "good-2"], published.Keys);
        Assert.Equal("小米SU7 & Model 3—对比", published["good-1"].Title);
        Assert.Equal("示例 日报 © 2024", published["good-1"].Author.Name);
        Assert.Equal("开头", published["script"].Text);
        Assert.Equal("点我", published["double"].Text);
        Assert.Equal("第二条 R&D", published["good-2"].Title);
        Assert.Equal("链接 https://a.example.cn/?a=1&b=2", published["good-2"].Text);
        var reasons = run.Journal.Quarantined.Select(q => q.Reason).ToList();
        Assert.Equal(3, reasons.Count);
        Assert.Contains(reasons, r => r.Contains("title: holds a lone surrogate"));
        Assert.Contains(reasons, r => r.Contains("text: holds a NUL"));
        Assert.Contains(reasons, r => r.Contains("link: missing"));
        var advanced = Assert.Single(run.Journal.Events.OfType<FeedCursorAdvanced>());
        Assert.Equal((4, 3), (advanced.Published, advanced.Quarantined));
    }

    [Theory]
    [InlineData("deep", "nests elements deeper than")]
    [InlineData("truncated", "not well-formed XML")]
    [InlineData("html", "root element is <html>")]
    public async Task Should_quarantine_an_unreadable_document_whole_with_the_reason_and_move_on(string kind, string reason)
    {
        var document = kind switch
        {
            "deep" => "<rss><channel>" + string.Concat(Enumerable.Repeat("<x>", 100_000)) + string.Concat(Enumerable.Repeat("</x>", 100_000)) + "</channel></rss>",
            "truncated" => "<rss version=\"2.0\"><channel><title>半截</title><item><title>断",
            _ => "<!DOCTYPE html><html><head><title>不是订阅</title></head><body>&nbsp;</body></html>",
        };

        var run = await CycleAsync(Encoding.UTF8.GetBytes(document));

        Assert.Empty(run.Publisher.Published);
        Assert.Contains(reason, Assert.Single(run.Journal.Quarantined).Reason);
        Assert.Single(run.Journal.Events.OfType<FeedCursorAdvanced>());
    }

    [Fact]
    public async Task Should_quarantine_an_answer_larger_than_the_bound_without_reading_it_and_read_the_next_url()
    {
        var huge = new byte[FeedHttpClient.MaxResponseBytes + 1];
        var good = Encoding.UTF8.GetBytes($"<rss version=\"2.0\"><channel><title>T</title>{Item("after", "<title>下一个</title>")}</channel></rss>");
        await using var server = await LocalSourceServer.StartAsync(app =>
        {
            app.MapGet("/huge.xml", () => Results.Bytes(huge, "application/rss+xml"));
            app.MapGet("/good.xml", () => Results.Bytes(good, "application/rss+xml"));
        });
        var settings = new FeedSettings { Name = "news-huge", Urls = [server.Url("huge.xml"), server.Url("good.xml")], RequestSpacing = TimeSpan.Zero, Retries = 1 };
        var run = new FeedRun(new RssFeed(Clients.Create(settings), settings), settings);

        await run.CycleAsync();

        Assert.Contains("more than the 32 MB", Assert.Single(run.Journal.Quarantined).Reason);
        Assert.Equal("下一个", Assert.Single(run.Publisher.Published).Title);
        Assert.Equal(1, server.CountOf("/huge.xml"));
    }
}
