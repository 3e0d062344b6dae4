namespace Monitor.Platforms.Tests.Readers;

public sealed class When_reading_xiaohongshu_notes
{
    private static readonly DateTimeOffset ObservedAt = new(2024, 7, 20, 12, 0, 0, TimeSpan.Zero);
    private readonly XiaohongshuReader _reader = new();

    private const string Item = """
        {
          "id": "669b1a2e000000000a0b0c0d", "model_type": "note",
          "note_card": {
            "note_id": "669b1a2e000000000a0b0c0d", "type": "normal",
            "title": "雷军年度演讲笔记 | 勇气",
            "desc": "整理了演讲的要点，建议收藏 #雷军年度演讲[话题]# #学习笔记[话题]#",
            "time": 1721440862000,
            "user": { "user_id": "5f1e2d3c4b5a69788796a5b4", "nickname": "职场小黑" },
            "interact_info": { "liked_count": "1.2万", "collected_count": "8765", "comment_count": "432", "share_count": "10万+" },
            "tag_list": [ { "id": "1", "name": "雷军年度演讲", "type": "topic" }, { "id": "2", "name": "北京", "type": "location" }, { "id": "3", "name": "勇气", "type": "topic" } ],
            "ip_location": "上海"
          }
        }
        """;

    [Fact]
    public void Read_maps_the_note_onto_coverage()
    {
        var item = _reader.Read(JsonText.Parse(Item), "xhs-search", ObservedAt).Item!;

        Assert.Equal("xiaohongshu", item.Platform);
        Assert.Equal("669b1a2e000000000a0b0c0d", item.PlatformId);
        Assert.Equal("https://www.xiaohongshu.com/explore/669b1a2e000000000a0b0c0d", item.Url);
        Assert.Equal("雷军年度演讲笔记 | 勇气", item.Title);
        Assert.StartsWith("整理了演讲的要点", item.Text);
        Assert.Equal(new DateTimeOffset(2024, 7, 20, 2, 1, 2, TimeSpan.Zero), item.PublishedAt);
        Assert.Equal(new Monitor.Contracts.Author("5f1e2d3c4b5a69788796a5b4", "职场小黑"), item.Author);
        Assert.Equal(new Monitor.Contracts.Engagement(Likes: 12_000, Comments: 432, Shares: 100_000, Collects: 8765), item.Engagement);
        Assert.Equal(["雷军年度演讲", "勇气", "学习笔记"], item.Hashtags);
        Assert.Equal("上海", item.Region);
    }

    [Fact]
    public void Read_accepts_a_time_in_seconds_and_an_id_named_id()
    {
        var json = Item.Replace("1721440862000", "1721440862").Replace("\"note_id\": \"669b1a2e000000000a0b0c0d\",", "\"id\": \"669b1a2e000000000a0b0c0e\",");
        var item = _reader.Read(JsonText.Parse(json), "f", ObservedAt).Item!;

        Assert.Equal("669b1a2e000000000a0b0c0e", item.PlatformId);
        Assert.Equal(new DateTimeOffset(2024, 7, 20, 2, 1, 2, TimeSpan.Zero), item.PublishedAt);
    }

    [Fact]
    public void Read_accepts_a_bare_note_card()
    {
        var card = JsonText.Parse(Item).GetProperty("note_card");
        Assert.Equal("669b1a2e000000000a0b0c0d", _reader.Read(card, "f", ObservedAt).Item!.PlatformId);
    }

    [Theory]
    [InlineData("\"liked_count\": \"1.2万\"", "\"liked_count\": \"abc\"", "note_card.interact_info.liked_count: 'abc'")]
    [InlineData("\"time\": 1721440862000", "\"time\": -5", "note_card.time: -5 is not a plausible epoch")]
    [InlineData("\"time\": 1721440862000,", "", "note_card.time: missing")]
    [InlineData("\"user\": { \"user_id\": \"5f1e2d3c4b5a69788796a5b4\", \"nickname\": \"职场小黑\" }", "\"user\": \"职场小黑\"", "note_card.user: expected an object, got a string")]
    public void Read_returns_an_error_naming_the_field_instead_of_throwing(string replace, string with, string expected)
    {
        var result = _reader.Read(JsonText.Parse(Item.Replace(replace, with)), "f", ObservedAt);

        Assert.Null(result.Item);
        Assert.Contains(expected, result.Error);
    }

    [Fact]
    public void Read_reports_a_note_without_any_id()
    {
        var json = Item.Replace("\"id\": \"669b1a2e000000000a0b0c0d\", ", "").Replace("\"note_id\": \"669b1a2e000000000a0b0c0d\", ", "");
        Assert.Contains("note_id: missing", _reader.Read(JsonText.Parse(json), "f", ObservedAt).Error);
    }

    [Fact]
    public void ReadSearchPage_passes_over_items_that_are_not_notes()
    {
        var page = $$"""{ "success": true, "data": { "items": [ { "id": "q", "model_type": "hot_query", "hot_query": {} }, {{Item}} ] } }""";
        var result = _reader.ReadSearchPage(JsonText.Parse(page), "f", ObservedAt);

        Assert.Single(result.Items);
        Assert.Empty(result.Skipped);
    }

    [Fact]
    public void ReadSearchPage_refuses_a_failed_page()
    {
        var e = Assert.Throws<InvalidDataException>(() =>
            _reader.ReadSearchPage(JsonText.Parse("""{"success":false,"msg":"登录已过期"}"""), "f", ObservedAt));
        Assert.Contains("'success' is false (登录已过期)", e.Message);
    }

    [Fact]
    public void ReadSearchPage_reads_a_corpus_page_completely()
    {
        var result = _reader.ReadSearchPage(JsonText.File("xiaohongshu", "search-20240402-owners.json"), "f", ObservedAt);

        Assert.Empty(result.Skipped);
        Assert.Equal(25, result.Items.Count);
        Assert.All(result.Items, i => Assert.NotNull(i.Title));
        Assert.All(result.Items, i => Assert.NotEmpty(i.Hashtags));
    }

    [Fact]
    public void Read_takes_an_empty_title_as_none_and_keeps_the_note()
    {
        var item = _reader.Read(JsonText.Parse(Item.Replace("\"title\": \"雷军年度演讲笔记 | 勇气\"", "\"title\": \"\"")), "f", ObservedAt).Item!;

        Assert.Null(item.Title);
        Assert.StartsWith("整理了演讲的要点", item.Text);
    }

    [Fact]
    public void Read_refuses_a_note_with_neither_title_nor_text()
    {
        var json = Item.Replace("\"title\": \"雷军年度演讲笔记 | 勇气\"", "\"title\": \" \"")
            .Replace("\"desc\": \"整理了演讲的要点，建议收藏 #雷军年度演讲[话题]# #学习笔记[话题]#\"", "\"desc\": \"\"");

        Assert.Contains("xiaohongshu: text: is empty and there is no title", _reader.Read(JsonText.Parse(json), "f", ObservedAt).Error);
    }
}
