using Monitor.Contracts;

namespace Monitor.Platforms.Tests.Readers;

public sealed class When_reading_news_articles
{
    private static readonly DateTimeOffset ObservedAt = new(2024, 7, 20, 12, 0, 0, TimeSpan.Zero);
    private readonly NewsArticleReader _reader = new();

    private const string Article = """
        {"url": "https://news.example.cn/auto/2024/07/19/courage-speech.html?utm_source=rss", "title": "雷军年度演讲聚焦“勇气”", "outlet": "示例科技日报", "author": "赵琳", "published": "2024-07-19T22:40:00+08:00", "language": "zh", "body": "第一段。\n\n第二段。"}
        """;

    [Fact]
    public void Read_maps_the_article_onto_coverage_with_the_url_as_its_id()
    {
        var item = _reader.Read(JsonText.Parse(Article), "news-sample", ObservedAt).Item!;

        Assert.Equal("news", item.Platform);
        Assert.Equal("https://news.example.cn/auto/2024/07/19/courage-speech.html?utm_source=rss", item.PlatformId);
        Assert.Equal(item.PlatformId, item.Url);
        Assert.Equal("雷军年度演讲聚焦“勇气”", item.Title);
        Assert.Equal("第一段。\n\n第二段。", item.Text);
        Assert.Equal(new DateTimeOffset(2024, 7, 19, 14, 40, 0, TimeSpan.Zero), item.PublishedAt);
        Assert.Equal(TimeSpan.Zero, item.PublishedAt.Offset);
        Assert.Equal(new Author("news.example.cn", "示例科技日报"), item.Author);
        Assert.Equal(Engagement.None, item.Engagement);
    }

    [Fact]
    public void Read_gives_the_same_identity_to_the_article_with_and_without_tracking_parameters()
    {
        var tracked = _reader.Read(JsonText.Parse(Article), "f", ObservedAt).Item!;
        var clean = _reader.Read(JsonText.Parse(Article.Replace("?utm_source=rss", "")), "f", ObservedAt).Item!;

        Assert.Equal(CoverageIdentity.For(clean.Platform, clean.PlatformId, clean.Url),
            CoverageIdentity.For(tracked.Platform, tracked.PlatformId, tracked.Url));
    }

    [Theory]
    [InlineData("\"url\": \"https://news.example.cn/auto/2024/07/19/courage-speech.html?utm_source=rss\", ", "", "url: missing")]
    [InlineData("https://news.example.cn/auto/2024/07/19/courage-speech.html?utm_source=rss", "/auto/relative.html", "url: '/auto/relative.html' is not an absolute http(s) URL")]
    [InlineData("2024-07-19T22:40:00+08:00", "2024-07-19 22:40", "published: '2024-07-19 22:40' is not an ISO 8601 time")]
    [InlineData("\"body\": \"第一段。\\n\\n第二段。\"", "\"body\": 42", "body: expected a string, got a number")]
    public void Read_returns_an_error_naming_the_field_instead_of_throwing(string replace, string with, string expected)
    {
        var result = _reader.Read(JsonText.Parse(Article.Replace(replace, with)), "f", ObservedAt);

        Assert.Null(result.Item);
        Assert.Contains(expected, result.Error);
    }

    [Fact]
    public void ReadLines_skips_bad_lines_with_their_line_number()
    {
        var lines = string.Join('\n', Article.Trim(), "", "not json", Article.Trim().Replace("2024-07-19T22:40:00+08:00", "soon"));
        var result = _reader.ReadLines(new StringReader(lines), "f", ObservedAt);

        Assert.Single(result.Items);
        Assert.Collection(result.Skipped,
            s => Assert.Contains("line 3: not JSON", s.Reason),
            s =>
            {
                Assert.Contains("line 4: news: published: 'soon'", s.Reason);
                Assert.Equal("https://news.example.cn/auto/2024/07/19/courage-speech.html?utm_source=rss", s.PlatformId);
            });
    }

    [Fact]
    public void ReadLines_reads_every_corpus_article()
    {
        using var file = File.OpenText(Path.Combine(SampleCorpus.FindDirectory(), "news", "articles.jsonl"));
        var result = _reader.ReadLines(file, "f", ObservedAt);

        Assert.Empty(result.Skipped);
        Assert.Equal(24, result.Items.Count);
        Assert.All(result.Items, i => Assert.Contains(".example.", i.Url));
    }
}
