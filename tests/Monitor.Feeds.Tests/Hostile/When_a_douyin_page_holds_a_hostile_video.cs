using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Monitor.Feeds.Douyin;
using Monitor.Feeds.Sdk.Configuration;
using Monitor.Contracts;
using Monitor.Feeds.Sdk.Testing;
using Monitor.Feeds.Tests.Support;
using Xunit;

namespace Monitor.Feeds.Tests.Hostile;

public sealed class When_a_douyin_page_holds_a_hostile_video
{
    private static Dictionary<string, string> Video(string id) => new()
    {
        ["aweme_id"] = $"\"{id}\"", ["desc"] = "\"小米SU7 #小米SU7\"", ["create_time"] = "1721440000",
        ["author"] = $$"""{"uid":"a{{id}}","nickname":"作者{{id}}"}""",
        ["statistics"] = """{"digg_count":1,"comment_count":"1.5w","share_count":1,"play_count":100,"collect_count":1}""",
    };

    public static TheoryData<string, string, string> Hostile => new()
    {
        { "statistics", """{"digg_count":1e400}""", "statistics.digg_count" },
        { "statistics", """{"play_count":"1000000000000亿"}""", "statistics.play_count" },
        { "statistics", """{"share_count":18446744073709551616}""", "statistics.share_count" },
        { "statistics", """{"collect_count":"\ud800"}""", "statistics.collect_count" },
        { "create_time", "99999999999999999999", "create_time" },
        { "create_time", "253402300800000", "create_time" },
        { "create_time", "0", "create_time" },
        { "create_time", "-5", "create_time" },
        { "create_time", "1.5e9", "create_time" },
        { "desc", "\"\\ud800\"", "desc" },
        { "desc", $"\"{HostilePages.InvalidUtf8}\"", "desc" },
        { "author", $$"""{"uid":"a9","nickname":"{{HostilePages.InvalidUtf8}}"}""", "author.nickname" },
        { "author", """{"uid":"a9","nickname":"n","follower_count":-3}""", "author.follower_count" },
        { "text_extra", """[{"hashtag_name":"\udfff"}]""", "text_extra.hashtag_name" },
        { "text_extra", "\"#tag\"", "text_extra" },
        { "ip_label", "\"IP\\u0000\"", "ip_label" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Should_quarantine_it_naming_the_field_publish_the_others_and_advance_the_cursor(string field, string rawValue, string named)
    {
        var page = HostilePages.Bytes($$"""
            {"status_code":0,"has_more":0,"cursor":3,"aweme_list":[
              {{HostilePages.Object(Video("1"), "desc", "\"第一\"")}},
              {{HostilePages.Object(Video("2"), field, rawValue)}},
              {{HostilePages.Object(Video("3"), "desc", "\"第三\"")}}]}
            """);
        await using var server = await LocalSourceServer.StartAsync(app =>
            app.MapGet("/aweme/v1/web/search/item/", () => Results.Bytes(page, "application/json")));
        var settings = new FeedSettings { Name = "douyin-hostile", BaseUrl = server.BaseUri, Keywords = ["小米SU7"], RequestSpacing = TimeSpan.Zero, Retries = 1 };
        var run = new FeedRun(new DouyinFeed(Clients.Create(settings), settings), settings);

        var result = await run.CycleAsync();

        Assert.Equal(["1", "3"], run.Publisher.Published.Select(p => p.PlatformId));
        Assert.Contains($"{named}:", Assert.Single(run.Journal.Quarantined).Reason);
        Assert.Equal(1, result.Quarantined);
        var advanced = Assert.Single(run.Journal.Events.OfType<FeedCursorAdvanced>());
        Assert.Equal((2, 1), (advanced.Published, advanced.Quarantined));
    }
}
