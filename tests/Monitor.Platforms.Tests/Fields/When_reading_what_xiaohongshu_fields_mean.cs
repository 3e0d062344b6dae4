using System.Text.Json.Nodes;

namespace Monitor.Platforms.Tests.Fields;

/// <summary>Each Xiaohongshu field for what it means: note kinds, empty titles, counts written with units.</summary>
public sealed class When_reading_what_xiaohongshu_fields_mean
{
    private static readonly DateTimeOffset ObservedAt = new(2024, 7, 20, 12, 0, 0, TimeSpan.Zero);
    private readonly XiaohongshuReader _reader = new();

    private static JsonObject Note(string type = "normal") => new()
    {
        ["id"] = "669b1a2e000000000a0b0c0d", ["model_type"] = "note",
        ["note_card"] = new JsonObject
        {
            ["note_id"] = "669b1a2e000000000a0b0c0d", ["type"] = type, ["title"] = "提车一个月的感受",
            ["desc"] = "续航比想象的好 #小米SU7[话题]#", ["time"] = 1721440862000,
            ["user"] = new JsonObject { ["user_id"] = "5f1e2d3c4b5a69788796a5b4", ["nickname"] = "职场小黑" },
            ["interact_info"] = new JsonObject { ["liked_count"] = "1.2万", ["collected_count"] = "876", ["comment_count"] = "43", ["share_count"] = "10" },
        },
    };

    private Monitor.Contracts.CoverageReceived Read(JsonObject note)
    {
        var result = _reader.Read(JsonText.Parse(note.ToJsonString()), "f", ObservedAt);
        Assert.True(result.Item is not null, result.Error);
        return result.Item!;
    }

    [Fact]
    public void A_video_note_reads_as_an_image_note_does_its_words_are_its_title_and_desc()
    {
        var video = Read(Note("video"));
        var normal = Read(Note("normal"));

        Assert.Equal(normal, video with { Hashtags = normal.Hashtags });
        Assert.Equal(["小米SU7"], video.Hashtags);
        Assert.Equal("https://www.xiaohongshu.com/explore/669b1a2e000000000a0b0c0d", video.Url);
        Assert.Equal(("提车一个月的感受", "续航比想象的好 #小米SU7[话题]#"), (video.Title, video.Text));
    }

    [Theory]
    [InlineData("", "提车一个月的感受 续航比想象的好", "提车一个月的感受 续航比想象的好")]
    [InlineData(" ", null, null)]
    [InlineData(null, "提车一个月的感受", "提车一个月的感受")]
    public void An_empty_title_falls_back_to_the_title_xiaohongshu_shows_and_the_desc_stays_the_text(string? title, string? displayTitle, string? expected)
    {
        var note = Note();
        var card = note["note_card"]!.AsObject();
        card.Remove("title");
        if (title is not null) card["title"] = title;
        if (displayTitle is not null) card["display_title"] = displayTitle;

        var item = Read(note);

        Assert.Equal(expected, item.Title);
        Assert.Equal("续航比想象的好 #小米SU7[话题]#", item.Text);
    }

    [Fact]
    public void A_note_with_an_empty_title_and_an_empty_desc_is_refused_naming_the_text()
    {
        var note = Note("video");
        note["note_card"]!["title"] = "";
        note["note_card"]!["desc"] = "";

        Assert.Contains("xiaohongshu: text: is empty and there is no title", _reader.Read(JsonText.Parse(note.ToJsonString()), "f", ObservedAt).Error);
    }

    [Theory]
    [InlineData("liked_count", "1.2万", 12_000L)]
    [InlineData("liked_count", "10w+", 100_000L)]
    [InlineData("liked_count", "10万+", 100_000L)]
    [InlineData("liked_count", "赞", 0L)]
    [InlineData("liked_count", "", null)]
    [InlineData("collected_count", "3.5k", 3_500L)]
    [InlineData("collected_count", "收藏", 0L)]
    [InlineData("comment_count", "1,234", 1_234L)]
    [InlineData("comment_count", "评论", 0L)]
    [InlineData("share_count", "1亿", 100_000_000L)]
    [InlineData("share_count", "分享", 0L)]
    public void Interaction_counts_written_as_text_with_units_are_read_as_numbers(string field, string written, long? count)
    {
        var note = Note();
        note["note_card"]!["interact_info"]![field] = written;

        var engagement = Read(note).Engagement;

        var read = field switch
        {
            "liked_count" => engagement.Likes,
            "collected_count" => engagement.Collects,
            "comment_count" => engagement.Comments,
            _ => engagement.Shares,
        };
        Assert.Equal(count, read);
    }

    [Fact]
    public void A_note_without_interact_info_has_no_counts_rather_than_zeros()
    {
        var note = Note();
        note["note_card"]!.AsObject().Remove("interact_info");

        Assert.Equal(Monitor.Contracts.Engagement.None, Read(note).Engagement);
    }
}
