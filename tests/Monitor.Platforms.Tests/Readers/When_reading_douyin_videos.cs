namespace Monitor.Platforms.Tests.Readers;

public sealed class When_reading_douyin_videos
{
    private static readonly DateTimeOffset ObservedAt = new(2024, 7, 20, 12, 0, 0, TimeSpan.Zero);
    private readonly DouyinReader _reader = new();

    private const string Aweme = """
        {
          "aweme_id": "7393425012345678901",
          "desc": "雷军年度演讲 勇气 全程高能 #雷军年度演讲 #勇气 #雷军",
          "create_time": 1721440862,
          "author": { "uid": "60000012345", "sec_uid": "MS4wLjABAAAAabc", "nickname": "懂车小能手", "follower_count": 2140000 },
          "statistics": { "digg_count": 52310, "comment_count": 4120, "share_count": 8800, "collect_count": 3021, "play_count": 1850000 },
          "text_extra": [ { "hashtag_name": "雷军年度演讲" }, { "hashtag_name": "勇气" }, { "type": 0, "user_id": "1" } ],
          "ip_label": "北京",
          "share_url": "https://www.iesdouyin.com/share/video/7393425012345678901/"
        }
        """;

    [Fact]
    public void Read_maps_the_video_onto_coverage()
    {
        var item = _reader.Read(JsonText.Parse(Aweme), "douyin-search", ObservedAt).Item!;

        Assert.Equal("douyin", item.Platform);
        Assert.Equal("7393425012345678901", item.PlatformId);
        Assert.Equal("https://www.douyin.com/video/7393425012345678901", item.Url);
        Assert.Equal("雷军年度演讲 勇气 全程高能 #雷军年度演讲 #勇气 #雷军", item.Text);
        Assert.Equal(new DateTimeOffset(2024, 7, 20, 2, 1, 2, TimeSpan.Zero), item.PublishedAt);
        Assert.Equal(new Monitor.Contracts.Author("60000012345", "懂车小能手", 2_140_000), item.Author);
        Assert.Equal(new Monitor.Contracts.Engagement(52310, 4120, 8800, 1_850_000, 3021), item.Engagement);
        Assert.Equal(["雷军年度演讲", "勇气", "雷军"], item.Hashtags);
        Assert.Equal("北京", item.Region);
    }

    [Fact]
    public void Read_accepts_display_strings_from_exports()
    {
        var json = Aweme.Replace("\"digg_count\": 52310", "\"digg_count\": \"10w+\"").Replace("\"comment_count\": 4120", "\"comment_count\": \"3.4w\"");
        var engagement = _reader.Read(JsonText.Parse(json), "f", ObservedAt).Item!.Engagement;

        Assert.Equal(100_000, engagement.Likes);
        Assert.Equal(34_000, engagement.Comments);
    }

    [Fact]
    public void Read_unwraps_a_general_search_result_and_uses_sec_uid_without_uid()
    {
        var json = $$"""{ "type": 1, "aweme_info": {{Aweme.Replace("\"uid\": \"60000012345\", ", "")}} }""";
        var item = _reader.Read(JsonText.Parse(json), "f", ObservedAt).Item!;

        Assert.Equal("7393425012345678901", item.PlatformId);
        Assert.Equal("MS4wLjABAAAAabc", item.Author.Id);
    }

    [Fact]
    public void Read_gives_no_counts_when_statistics_are_absent()
    {
        var json = Aweme.Replace("\"statistics\": { \"digg_count\": 52310, \"comment_count\": 4120, \"share_count\": 8800, \"collect_count\": 3021, \"play_count\": 1850000 },", "");
        Assert.Equal(Monitor.Contracts.Engagement.None, _reader.Read(JsonText.Parse(json), "f", ObservedAt).Item!.Engagement);
    }

    [Theory]
    [InlineData("\"aweme_id\": \"7393425012345678901\",", "", "aweme_id: missing")]
    [InlineData("\"create_time\": 1721440862", "\"create_time\": \"yesterday\"", "create_time: expected an epoch time stamp")]
    [InlineData("\"create_time\": 1721440862", "\"create_time\": -1", "create_time: -1 is not a plausible epoch")]
    [InlineData("\"play_count\": 1850000", "\"play_count\": \"很多\"", "statistics.play_count: '很多'")]
    [InlineData("\"nickname\": \"懂车小能手\", ", "", "author.nickname: missing")]
    [InlineData("\"text_extra\": [", "\"text_extra\": 5, \"x\": [", "text_extra: expected an array")]
    public void Read_returns_an_error_naming_the_field_instead_of_throwing(string replace, string with, string expected)
    {
        var result = _reader.Read(JsonText.Parse(Aweme.Replace(replace, with)), "f", ObservedAt);

        Assert.Null(result.Item);
        Assert.Contains(expected, result.Error);
    }

    [Fact]
    public void ReadSearchPage_collects_items_and_skipped_items()
    {
        var page = $$"""{ "status_code": 0, "aweme_list": [ {{Aweme}}, {{Aweme.Replace("\"digg_count\": 52310", "\"digg_count\": \"x\"").Replace("7393425012345678901", "7393425000000000000")}} ] }""";
        var result = _reader.ReadSearchPage(JsonText.Parse(page), "f", ObservedAt);

        Assert.Single(result.Items);
        var skipped = Assert.Single(result.Skipped);
        Assert.Equal("douyin", skipped.Platform);
        Assert.Equal("7393425000000000000", skipped.PlatformId);
    }

    [Fact]
    public void ReadSearchPage_refuses_an_error_page()
    {
        var e = Assert.Throws<InvalidDataException>(() =>
            _reader.ReadSearchPage(JsonText.Parse("""{"status_code":2154,"status_msg":"请求太频繁"}"""), "f", ObservedAt));
        Assert.Contains("'status_code' is 2154 (请求太频繁)", e.Message);
    }

    [Fact]
    public void ReadSearchPage_reads_the_corpus_export_page_with_string_counts()
    {
        var result = _reader.ReadSearchPage(JsonText.File("douyin", "search-20240720-export.json"), "f", ObservedAt);

        Assert.Empty(result.Skipped);
        Assert.Equal(14, result.Items.Count);
        Assert.All(result.Items, i => Assert.NotNull(i.Engagement.Views));
        Assert.All(result.Items, i => Assert.NotEmpty(i.Hashtags));
    }

    [Fact]
    public void Read_takes_a_play_count_of_0_as_not_known_and_other_zero_counts_as_zero()
    {
        var json = Aweme.Replace("\"play_count\": 1850000", "\"play_count\": 0").Replace("\"digg_count\": 52310", "\"digg_count\": 0");

        var engagement = _reader.Read(JsonText.Parse(json), "f", ObservedAt).Item!.Engagement;

        Assert.Null(engagement.Views);
        Assert.Equal(0, engagement.Likes);
        Assert.Equal(4120, engagement.Comments);
    }

    [Fact]
    public void Read_refuses_a_video_without_a_caption_naming_the_text()
    {
        var json = Aweme.Replace("\"desc\": \"雷军年度演讲 勇气 全程高能 #雷军年度演讲 #勇气 #雷军\"", "\"desc\": \"\"");

        Assert.Contains("douyin: text: is empty and there is no title", _reader.Read(JsonText.Parse(json), "f", ObservedAt).Error);
    }
}
