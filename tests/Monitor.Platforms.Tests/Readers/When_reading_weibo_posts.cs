namespace Monitor.Platforms.Tests.Readers;

public sealed class When_reading_weibo_posts
{
    private static readonly DateTimeOffset ObservedAt = new(2024, 7, 20, 12, 0, 0, TimeSpan.Zero);
    private readonly WeiboReader _reader = new();

    private const string Post = """
        {
          "id": "5057711122233344", "mid": "5057711122233345",
          "created_at": "Sat Jul 20 10:01:02 +0800 2024",
          "text": "讲到勇气那段泪目了<span class=\"url-icon\"><img alt=\"[泪]\" src=\"x.png\" /></span> <a href=\"https://m.weibo.cn/search?containerid=1\"><span class=\"surl-text\">#雷军年度演讲#</span></a><br />冲 #小米SU7#",
          "attitudes_count": "3.2万", "comments_count": 1543, "reposts_count": "1万+",
          "isLongText": false, "region_name": "发布于 北京",
          "user": { "id": 5602318840, "screen_name": "数码老K", "followers_count": "86.2万", "verified": true }
        }
        """;

    [Fact]
    public void Read_maps_the_post_onto_coverage()
    {
        var item = _reader.Read(JsonText.Parse(Post), "weibo-search", ObservedAt).Item!;

        Assert.Equal("weibo", item.Platform);
        Assert.Equal("5057711122233344", item.PlatformId);
        Assert.Equal("https://weibo.com/5602318840/5057711122233345", item.Url);
        Assert.Null(item.Title);
        Assert.Equal("讲到勇气那段泪目了[泪] #雷军年度演讲#\n冲 #小米SU7#", item.Text);
        Assert.Equal(new DateTimeOffset(2024, 7, 20, 2, 1, 2, TimeSpan.Zero), item.PublishedAt);
        Assert.Equal(new Monitor.Contracts.Author("5602318840", "数码老K", 862_000, true), item.Author);
        Assert.Equal(new Monitor.Contracts.Engagement(Likes: 32_000, Comments: 1543, Shares: 10_000), item.Engagement);
        Assert.Equal(["雷军年度演讲", "小米SU7"], item.Hashtags);
        Assert.Equal("北京", item.Region);
        Assert.Equal("weibo-search", item.Feed);
        Assert.Equal(ObservedAt, item.ObservedAt);
    }

    [Fact]
    public void Read_takes_the_full_text_of_a_long_post_from_the_resolver()
    {
        var json = Post.Replace("\"isLongText\": false", "\"isLongText\": true");
        string? requested = null;
        var item = _reader.Read(JsonText.Parse(json), "f", ObservedAt, id => { requested = id; return "完整的长文<br />第二段 #小米SU7#"; }).Item!;

        Assert.Equal("5057711122233344", requested);
        Assert.Equal("完整的长文\n第二段 #小米SU7#", item.Text);
    }

    [Fact]
    public void Read_keeps_the_shown_text_when_no_long_text_is_known()
    {
        var json = Post.Replace("\"isLongText\": false", "\"isLongText\": true");
        var withoutResolver = _reader.Read(JsonText.Parse(json), "f", ObservedAt).Item!;
        var unknownToResolver = _reader.Read(JsonText.Parse(json), "f", ObservedAt, _ => null).Item!;

        Assert.StartsWith("讲到勇气那段泪目了", withoutResolver.Text);
        Assert.Equal(withoutResolver.Text, unknownToResolver.Text);
    }

    [Fact]
    public void Read_ends_a_repost_with_the_original_and_its_hashtags()
    {
        const string json = """
            {
              "id": "5057712000000001", "created_at": "Sat Jul 20 11:00:00 +0800 2024", "text": "每年必看",
              "attitudes_count": 3, "comments_count": 0, "reposts_count": 0,
              "user": { "id": 1, "screen_name": "米粉十年", "followers_count": 11200, "verified": false },
              "retweeted_status": {
                "id": "5057600000000000", "created_at": "Fri Jul 19 18:30:00 +0800 2024",
                "text": "今晚7点，我的年度演讲 <a href=\"x\">#雷军年度演讲#</a>",
                "user": { "id": 1749127163, "screen_name": "雷军" }
              }
            }
            """;
        var item = _reader.Read(JsonText.Parse(json), "f", ObservedAt).Item!;

        Assert.Equal("每年必看\n//@雷军: 今晚7点，我的年度演讲 #雷军年度演讲#", item.Text);
        Assert.Equal(["雷军年度演讲"], item.Hashtags);
        Assert.Equal("5057712000000001", item.PlatformId);
    }

    [Fact]
    public void Read_takes_relative_times_against_the_observation_time()
    {
        var json = Post.Replace("Sat Jul 20 10:01:02 +0800 2024", "5分钟前");
        Assert.Equal(ObservedAt.AddMinutes(-5), _reader.Read(JsonText.Parse(json), "f", ObservedAt).Item!.PublishedAt);
    }

    [Fact]
    public void Read_falls_back_to_mid_when_id_is_absent()
    {
        var json = Post.Replace("\"id\": \"5057711122233344\", ", "");
        Assert.Equal("5057711122233345", _reader.Read(JsonText.Parse(json), "f", ObservedAt).Item!.PlatformId);
    }

    [Theory]
    [InlineData("\"attitudes_count\": \"3.2万\"", "\"attitudes_count\": \"abc\"", "attitudes_count: 'abc'")]
    [InlineData("\"created_at\": \"Sat Jul 20 10:01:02 +0800 2024\"", "\"created_at\": \"sometime\"", "created_at: 'sometime'")]
    [InlineData("\"followers_count\": \"86.2万\"", "\"followers_count\": [1]", "user.followers_count: expected a number or count text, got an array")]
    [InlineData("\"screen_name\": \"数码老K\", ", "", "user.screen_name: missing")]
    [InlineData("\"id\": \"5057711122233344\", \"mid\": \"5057711122233345\",", "", "id: missing")]
    public void Read_returns_an_error_naming_the_field_instead_of_throwing(string replace, string with, string expected)
    {
        var result = _reader.Read(JsonText.Parse(Post.Replace(replace, with)), "f", ObservedAt);

        Assert.Null(result.Item);
        Assert.False(result.IsSuccess);
        Assert.Contains(expected, result.Error);
        Assert.StartsWith("weibo: ", result.Error);
    }

    [Fact]
    public void ReadSearchPage_reads_cards_and_card_groups_and_passes_over_other_cards()
    {
        var page = $$"""
            { "ok": 1, "data": { "cards": [
                { "card_type": 58, "desc": "实时微博" },
                { "card_type": 9, "mblog": {{Post}} },
                { "card_type": 11, "card_group": [ { "card_type": 9, "mblog": {{Post.Replace("5057711122233344", "5057711122233399")}} } ] },
                { "card_type": 9, "mblog": {{Post.Replace("\"3.2万\"", "\"lots\"").Replace("5057711122233344", "5057711122230000")}} }
            ] } }
            """;
        var result = _reader.ReadSearchPage(JsonText.Parse(page), "f", ObservedAt);

        Assert.Equal(["5057711122233344", "5057711122233399"], result.Items.Select(i => i.PlatformId));
        var skipped = Assert.Single(result.Skipped);
        Assert.Equal("5057711122230000", skipped.PlatformId);
        Assert.Contains("attitudes_count: 'lots'", skipped.Reason);
        Assert.Contains("\"lots\"", skipped.RawJson);
    }

    [Theory]
    [InlineData("""{"ok":0,"msg":"请求过于频繁"}""", "'ok' is 0 (请求过于频繁)")]
    [InlineData("""{"data":{"cards":[]}}""", "'ok' is missing")]
    [InlineData("""{"ok":1,"data":{"cards":{}}}""", "'cards' should be an array")]
    [InlineData("""[]""", "expected an object")]
    public void ReadSearchPage_refuses_a_page_that_is_not_a_successful_search(string page, string expected)
    {
        var e = Assert.Throws<InvalidDataException>(() => _reader.ReadSearchPage(JsonText.Parse(page), "f", ObservedAt));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void ReadSearchPage_reads_a_corpus_page_completely()
    {
        var page = JsonText.File("weibo", "search-20240719-courage-speech-p1.json");
        var result = _reader.ReadSearchPage(page, "f", ObservedAt);

        Assert.Empty(result.Skipped);
        Assert.Equal(20, result.Items.Count);
        Assert.All(result.Items, i => Assert.StartsWith("https://weibo.com/", i.Url));
        Assert.Contains(result.Items, i => i.Hashtags.Contains("雷军年度演讲"));
    }

    [Fact]
    public void LongTextContent_reads_the_long_text_response()
    {
        Assert.Equal("全文<br />", WeiboReader.LongTextContent(JsonText.Parse("""{"ok":1,"data":{"longTextContent":"全文<br />"}}""")));
        Assert.Null(WeiboReader.LongTextContent(JsonText.Parse("""{"ok":0}""")));
    }

    [Fact]
    public void Read_keeps_an_emoticon_whose_alt_is_not_quoted()
    {
        var json = Post.Replace("<img alt=\\\"[泪]\\\" src=\\\"x.png\\\" />", "<img alt=[泪] src=x.png>");

        Assert.Contains("alt=[泪]", json);
        Assert.StartsWith("讲到勇气那段泪目了[泪] ", _reader.Read(JsonText.Parse(json), "f", ObservedAt).Item!.Text);
    }

    [Fact]
    public void Read_writes_a_repost_without_words_as_weibo_shows_it()
    {
        const string json = """
            {
              "id": "5057712000000002", "created_at": "Sat Jul 20 11:00:00 +0800 2024", "text": "",
              "user": { "id": 1, "screen_name": "米粉十年" },
              "retweeted_status": { "id": "5057600000000000", "text": "抱歉，此微博已被作者删除。", "user": null }
            }
            """;

        Assert.Equal("转发微博\n//抱歉，此微博已被作者删除。", _reader.Read(JsonText.Parse(json), "f", ObservedAt).Item!.Text);
    }

    [Fact]
    public void Read_refuses_a_post_that_says_nothing_naming_the_text()
    {
        var json = Post.Replace(Post.Split("\"text\": ")[1].Split(",\n")[0], "\"<img src=\\\"x.png\\\">\"");

        Assert.Contains("weibo: text: is empty and there is no title", _reader.Read(JsonText.Parse(json), "f", ObservedAt).Error);
    }
}
