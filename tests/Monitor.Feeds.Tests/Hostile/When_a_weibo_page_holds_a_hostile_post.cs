using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Feeds.Sdk.Configuration;
using Monitor.Contracts;
using Monitor.Feeds.Sdk.Testing;
using Monitor.Feeds.Tests.Support;
using Monitor.Feeds.Weibo;
using Xunit;

namespace Monitor.Feeds.Tests.Hostile;

/// <summary>One post of a search page holds what real pages hold at their worst; the cycle must not notice.</summary>
public sealed class When_a_weibo_page_holds_a_hostile_post
{
    private static Dictionary<string, string> Post(string id) => new()
    {
        ["id"] = $"\"{id}\"", ["mid"] = $"\"{id}\"", ["created_at"] = "\"Sat Jul 20 10:01:02 +0800 2024\"",
        ["text"] = "\"小米SU7 <a href='/n/雷军'>@雷军</a>\"",
        ["user"] = $$"""{"id":"u{{id}}","screen_name":"用户{{id}}","followers_count":10}""",
        ["attitudes_count"] = "1", ["comments_count"] = "\"1.2万\"", ["reposts_count"] = "3",
    };

    public static TheoryData<string, string, string> Hostile => new()
    {
        { "attitudes_count", "\"1000000000000亿\"", "attitudes_count" },
        { "comments_count", "1e400", "comments_count" },
        { "reposts_count", "1e30", "reposts_count" },
        { "attitudes_count", "99999999999999999999999", "attitudes_count" },
        { "attitudes_count", "\"99999999999999999999999999999999999999万\"", "attitudes_count" },
        { "attitudes_count", "-1", "attitudes_count" },
        { "attitudes_count", "\"NaN\"", "attitudes_count" },
        { "created_at", "\"Sat Jul 20 10:01:02 +9999 2024\"", "created_at" },
        { "created_at", "\"Sat Jul 20 10:01:02 +1460 2024\"", "created_at" },
        { "created_at", "\"Mon Jan 01 00:00:00 +0800 0001\"", "created_at" },
        { "created_at", "\"Mon Jan 01 00:00:00 +0000 0001\"", "created_at" },
        { "created_at", "\"Fri Dec 31 23:59:59 -1200 9999\"", "created_at" },
        { "created_at", "\"0001-01-01 00:00\"", "created_at" },
        { "created_at", "\"2024-02-31\"", "created_at" },
        { "created_at", "20240720", "created_at" },
        { "created_at", "\"\\ud800\"", "created_at" },
        { "text", "\"前\\ud800后\"", "text" },
        { "text", "\"\\udc00\"", "text" },
        { "text", $"\"{HostilePages.InvalidUtf8}\"", "text" },
        { "text", "\"a\\u0000b\"", "text" },
        { "text", "{\"html\":\"x\"}", "text" },
        { "user", """{"id":"u9","screen_name":"a\u0000b"}""", "user.screen_name" },
        { "user", $$"""{"id":"u9","screen_name":"{{HostilePages.InvalidUtf8}}"}""", "user.screen_name" },
        { "user", """{"id":"u9","screen_name":"n","followers_count":1e400}""", "user.followers_count" },
        { "user", "[]", "user" },
        { "id", "{\"x\":1}", "id" },
        { "id", "\"\\ud800\",\"isLongText\":true", "id" },
        { "retweeted_status", """{"id":"7","text":"\ud83d","user":{"screen_name":"o"}}""", "retweeted_status.text" },
        { "retweeted_status", "\"deleted\"", "retweeted_status" },
        { "region_name", "\"发布于 \\udfff\"", "region_name" },
        { "text", "\"<img src=x.png>\"", "text" },
    };

    private static Task<LocalSourceServer> Weibo(byte[] firstPage) => LocalSourceServer.StartAsync(app =>
        app.MapGet("/api/container/getIndex", (int page) => page == 1
            ? Results.Bytes(firstPage, "application/json")
            : Results.Text("""{"ok":1,"data":{"cards":[]}}""", "application/json")));

    private static FeedRun Run(LocalSourceServer server)
    {
        var settings = new FeedSettings { Name = "weibo-hostile", BaseUrl = server.BaseUri, Keywords = ["小米SU7"], RequestSpacing = TimeSpan.Zero, Retries = 1 };
        return new FeedRun(new WeiboFeed(Clients.Create(settings), settings, NullLogger<WeiboFeed>.Instance), settings);
    }

    private static byte[] Page(params string[] posts) =>
        HostilePages.Bytes("""{"ok":1,"data":{"cards":[""" + string.Join(",", posts.Select(p => """{"card_type":9,"mblog":""" + p + "}")) + "]}}");

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Should_quarantine_it_naming_the_field_publish_the_others_and_advance_the_cursor(string field, string rawValue, string named)
    {
        await using var server = await Weibo(Page(
            HostilePages.Object(Post("1"), "attitudes_count", "1"),
            HostilePages.Object(Post("2"), field, rawValue),
            HostilePages.Object(Post("3"), "attitudes_count", "2")));
        var run = Run(server);

        var result = await run.CycleAsync();

        Assert.Equal(["1", "3"], run.Publisher.Published.Select(p => p.PlatformId));
        var quarantined = Assert.Single(run.Journal.Quarantined);
        Assert.Contains($"{named}:", quarantined.Reason);
        Assert.Equal(1, result.Quarantined);
        var advanced = run.Journal.Events.OfType<FeedCursorAdvanced>().First();
        Assert.Null(advanced.From);
        Assert.NotNull(advanced.To);
        Assert.Equal((2, 1), (advanced.Published, advanced.Quarantined));
    }

    [Fact]
    public async Task Should_publish_hostile_but_readable_html_as_plain_text()
    {
        var manyOpenTags = string.Concat(Enumerable.Repeat("<a ", 300_000));
        await using var server = await Weibo(Page(
            HostilePages.Object(Post("1"), "text", $"\"看{manyOpenTags}\""),
            HostilePages.Object(Post("2"), "text", "\"&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;&lt;a href=&quot;javascript:alert(2)&quot;&gt;点我&lt;/a&gt;\""),
            HostilePages.Object(Post("3"), "text", "\"开头<script>" + new string('x', 450_000) + "\"")));
        var run = Run(server);

        await run.CycleAsync();

        var texts = run.Publisher.Published.ToDictionary(p => p.PlatformId, p => p.Text);
        Assert.Equal(["1", "2", "3"], texts.Keys);
        Assert.StartsWith("看a a a", texts["1"]);
        Assert.Equal("点我", texts["2"]);
        Assert.Equal("开头", texts["3"]);
        Assert.All(texts.Values, t => Assert.DoesNotContain("<a", t));
        Assert.Empty(run.Journal.Quarantined);
    }
}
