using System.Text.Json.Nodes;

namespace Monitor.Platforms.Tests.Fields;

/// <summary>Each Douyin field for what it means: image posts and videos, statistics, a play count of 0.</summary>
public sealed class When_reading_what_douyin_fields_mean
{
    private static readonly DateTimeOffset ObservedAt = new(2024, 7, 20, 12, 0, 0, TimeSpan.Zero);
    private readonly DouyinReader _reader = new();

    private static JsonObject Aweme() => new()
    {
        ["aweme_id"] = "7393425012345678901", ["aweme_type"] = 0, ["desc"] = "提车一个月 #小米SU7", ["create_time"] = 1721440862,
        ["author"] = new JsonObject { ["uid"] = "60000012345", ["nickname"] = "懂车小能手" },
        ["statistics"] = new JsonObject
        {
            ["digg_count"] = 5231, ["comment_count"] = 412, ["share_count"] = 88, ["collect_count"] = 302, ["play_count"] = 185000,
            ["forward_count"] = 7, ["admire_count"] = 2,
        },
        ["images"] = null,
    };

    private static JsonObject ImagePost()
    {
        var aweme = Aweme();
        aweme["aweme_type"] = 68;
        aweme["images"] = new JsonArray(new JsonObject { ["uri"] = "tos-cn-i-0813/a" }, new JsonObject { ["uri"] = "tos-cn-i-0813/b" });
        return aweme;
    }

    private Monitor.Contracts.CoverageReceived Read(JsonObject aweme)
    {
        var result = _reader.Read(JsonText.Parse(aweme.ToJsonString()), "f", ObservedAt);
        Assert.True(result.Item is not null, result.Error);
        return result.Item!;
    }

    [Fact]
    public void A_video_is_linked_as_a_video_and_counts_its_plays()
    {
        var item = Read(Aweme());

        Assert.Equal("https://www.douyin.com/video/7393425012345678901", item.Url);
        Assert.Equal(185_000, item.Engagement.Views);
    }

    [Fact]
    public void An_image_post_is_linked_as_a_note_and_has_no_plays()
    {
        var item = Read(ImagePost());

        Assert.Equal("https://www.douyin.com/note/7393425012345678901", item.Url);
        Assert.Null(item.Engagement.Views);
        Assert.Equal((5231L, 412L, 88L, 302L), (item.Engagement.Likes!.Value, item.Engagement.Comments!.Value, item.Engagement.Shares!.Value, item.Engagement.Collects!.Value));
    }

    [Fact]
    public void Pictures_without_the_image_post_type_still_make_an_image_post()
    {
        var aweme = ImagePost();
        aweme.Remove("aweme_type");

        Assert.StartsWith("https://www.douyin.com/note/", Read(aweme).Url);
    }

    [Fact]
    public void An_empty_picture_list_is_a_video()
    {
        var aweme = Aweme();
        aweme["images"] = new JsonArray();

        Assert.StartsWith("https://www.douyin.com/video/", Read(aweme).Url);
    }

    [Fact]
    public void Pictures_that_are_not_a_list_refuse_the_item_naming_them()
    {
        var aweme = Aweme();
        aweme["images"] = "a.jpg";

        Assert.Contains("douyin: images: expected an array, got a string", _reader.Read(JsonText.Parse(aweme.ToJsonString()), "f", ObservedAt).Error);
    }

    [Theory]
    [InlineData("digg_count", 0L, 0L)]
    [InlineData("comment_count", 0L, 0L)]
    [InlineData("share_count", 0L, 0L)]
    [InlineData("collect_count", 0L, 0L)]
    [InlineData("play_count", 0L, null)]
    [InlineData("play_count", 1L, 1L)]
    public void A_count_of_0_means_none_except_plays_where_it_means_not_known(string field, long written, long? read)
    {
        var aweme = Aweme();
        aweme["statistics"]![field] = written;

        var engagement = Read(aweme).Engagement;

        var value = field switch
        {
            "digg_count" => engagement.Likes,
            "comment_count" => engagement.Comments,
            "share_count" => engagement.Shares,
            "collect_count" => engagement.Collects,
            _ => engagement.Views,
        };
        Assert.Equal(read, value);
    }

    [Fact]
    public void Shares_are_share_count_not_the_in_app_forwards_and_tips_are_not_counted()
    {
        var aweme = Aweme();
        aweme["statistics"]!["forward_count"] = 9999;
        aweme["statistics"]!["admire_count"] = 9999;

        Assert.Equal(new Monitor.Contracts.Engagement(5231, 412, 88, 185_000, 302), Read(aweme).Engagement);
    }
}
