using Monitor.Contracts;

namespace Monitor.Platforms.Tests.Feeds;

public sealed class When_turning_feed_items_into_coverage
{
    private static readonly DateTimeOffset ObservedAt = new(2024, 7, 20, 12, 0, 0, TimeSpan.Zero);
    private static readonly FeedDocument Document = new("rss2", "示例科技日报", new Uri("https://news.example.cn/"), []);
    private readonly FeedItemReader _reader = new();

    private static FeedItem Item(Uri? link, DateTimeOffset? published, string? dateText = null) =>
        new("g1", "雷军年度演讲", link, published, dateText, "第一段", "赵琳");

    [Fact]
    public void Read_maps_an_item_onto_news_coverage()
    {
        var published = new DateTimeOffset(2024, 7, 19, 22, 40, 0, TimeSpan.FromHours(8));
        var item = _reader.Read(Item(new Uri("https://news.example.cn/a/1.html"), published), Document, "rss-tech-daily", ObservedAt).Item!;

        Assert.Equal("news", item.Platform);
        Assert.Equal("https://news.example.cn/a/1.html", item.PlatformId);
        Assert.Equal(item.PlatformId, item.Url);
        Assert.Equal("雷军年度演讲", item.Title);
        Assert.Equal("第一段", item.Text);
        Assert.Equal(new Author("news.example.cn", "示例科技日报"), item.Author);
        Assert.Equal(new DateTimeOffset(2024, 7, 19, 14, 40, 0, TimeSpan.Zero), item.PublishedAt);
        Assert.Equal(TimeSpan.Zero, item.PublishedAt.Offset);
        Assert.Equal("rss-tech-daily", item.Feed);
    }

    [Fact]
    public void Read_uses_the_callers_date_for_an_undated_item_and_refuses_without_one()
    {
        var undated = Item(new Uri("https://news.example.cn/a/2.html"), null);

        Assert.Equal(ObservedAt, _reader.Read(undated, Document, "f", ObservedAt, publishedWhenMissing: ObservedAt).Item!.PublishedAt);
        Assert.Equal("news: published: missing (the item has no date)", _reader.Read(undated, Document, "f", ObservedAt).Error);
        Assert.Contains("'2024-07-19 22:40'", _reader.Read(undated with { DateText = "2024-07-19 22:40" }, Document, "f", ObservedAt).Error);
    }

    [Fact]
    public void ReadDocument_skips_items_without_a_link_and_reads_the_sample_feed()
    {
        using var stream = File.OpenRead(Path.Combine(SampleCorpus.FindDirectory(), "news", "rss", "rss2-tech-daily.xml"));
        var document = FeedDocumentReader.Read(stream, new Uri("https://news.example.cn/auto/rss.xml"), null);
        var withBrokenItem = document with { Items = [.. document.Items, Item(null, ObservedAt)] };

        var result = _reader.ReadDocument(withBrokenItem, "f", ObservedAt);

        Assert.Equal(7, result.Items.Count); // eight items, one without a date
        Assert.Equal(2, result.Skipped.Count);
        Assert.Contains(result.Skipped, s => s.Reason.Contains("link: missing") && s.RawJson.Contains("雷军年度演讲"));
        Assert.Contains(result.Skipped, s => s.Reason.Contains("published: missing"));
    }
}
