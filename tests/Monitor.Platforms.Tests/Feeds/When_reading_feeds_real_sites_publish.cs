namespace Monitor.Platforms.Tests.Feeds;

/// <summary>The documents in Feeds/Documents, each written the way some real site writes its feed.</summary>
public sealed class When_reading_feeds_real_sites_publish
{
    private static readonly Uri Fetched = new("https://fetched.example.com/feeds/feed.xml");

    private static FeedDocument Read(string name, string? charset = null)
    {
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Feeds", "Documents", name));
        return FeedDocumentReader.Read(stream, Fetched, charset);
    }

    private static PageResult Coverage(FeedDocument document) =>
        new FeedItemReader().ReadDocument(document, "news", new DateTimeOffset(2024, 8, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Should_read_rss_0_91_with_its_doctype_and_an_undeclared_nbsp()
    {
        var feed = Read("rss091-netscape.xml");

        Assert.Equal(("rss2", "Auto Wire"), (feed.Format, feed.Title));
        Assert.Equal(2, feed.Items.Count);
        Assert.Equal("Deliveries of the Xiaomi SU7 passed 10,000 in June — ahead of plan.", feed.Items[0].Summary);
        Assert.Equal(new Uri("https://fetched.example.com/2024/07/second.html"), feed.Items[1].Link);
    }

    [Fact]
    public void Should_read_rss_0_92_items_that_stand_beside_the_channel_in_latin_1()
    {
        var item = Assert.Single(Read("rss092-items-beside-channel.xml").Items);

        Assert.Equal("Café owners test the SU7", item.Title);
        Assert.Equal("A test drive from Zürich to Lyon.", item.Summary);
    }

    [Fact]
    public void Should_read_rss_without_a_channel()
    {
        var item = Assert.Single(Read("rss-without-channel.xml").Items);

        Assert.Equal("没有 channel 的条目", item.Title);
        Assert.Equal(new DateTimeOffset(2024, 7, 20, 2, 1, 2, TimeSpan.Zero), item.Published);
    }

    [Fact]
    public void Should_read_rdf_without_the_usual_namespaces()
    {
        var feed = Read("rdf-without-namespace.rdf");

        Assert.Equal(("rss1", "Weekly without namespaces"), (feed.Format, feed.Title));
        var item = Assert.Single(feed.Items);
        Assert.Equal(new Uri("https://weekly.example.net/2024/su7-review"), item.Link);
        Assert.Equal("Long-term review.", item.Summary);
        Assert.Equal(new DateTimeOffset(2024, 7, 20, 2, 0, 0, TimeSpan.Zero), item.Published);
        Assert.Equal("Li Wei", item.Author);
    }

    [Fact]
    public void Should_read_rss_0_90()
    {
        var item = Assert.Single(Read("rss090.rdf").Items);

        Assert.Equal(("The first RSS", new Uri("https://old.example.com/first")), (item.Title, item.Link));
    }

    [Fact]
    public void Should_read_atom_0_3_with_issued_created_escaped_and_base64_content()
    {
        var feed = Read("atom03.xml");

        Assert.Equal(("atom", "电车周刊"), (feed.Format, feed.Title));
        Assert.Equal(2, feed.Items.Count);
        var first = feed.Items[0];
        Assert.Equal(new Uri("https://atom03.example.cn/2024/07/10000.html"), first.Link);
        Assert.Equal(new DateTimeOffset(2024, 7, 20, 2, 0, 0, TimeSpan.Zero), first.Published); // issued, not modified
        Assert.Equal("小米SU7 交付突破一万台。", first.Summary);
        Assert.Equal(new DateTimeOffset(2024, 7, 19, 9, 0, 0, TimeSpan.Zero), feed.Items[1].Published);
        Assert.Equal("转义的 & HTML", feed.Items[1].Summary);
    }

    [Fact]
    public void Should_take_an_atom_id_that_is_a_url_as_the_link_and_published_over_updated()
    {
        var feed = Read("atom10-permalink-ids-and-two-dates.xml");
        var coverage = Coverage(feed);

        Assert.Equal(new Uri("https://blog.example.org/posts/su7-range"), feed.Items[0].Link);
        Assert.Equal(new DateTimeOffset(2024, 7, 20, 2, 0, 0, TimeSpan.Zero), feed.Items[0].Published);
        Assert.Null(feed.Items[1].Link);
        Assert.Equal(new DateTimeOffset(2024, 7, 22, 10, 0, 0, TimeSpan.Zero), feed.Items[2].Published);
        Assert.Equal("", feed.Items[2].Summary); // base64 that is not text is no text
        Assert.Equal(2, coverage.Items.Count);
        Assert.Contains("link: missing", Assert.Single(coverage.Skipped).Reason);
    }

    [Fact]
    public void Should_read_dublin_core_titles_and_dates_and_fall_back_to_a_permalink_guid()
    {
        var feed = Read("rss-dublin-core-and-permalinks.xml");
        var coverage = Coverage(feed);

        Assert.Equal("DC Daily", feed.Title);
        Assert.Equal("只有 dc:title 的条目", feed.Items[0].Title);
        Assert.Equal(new Uri("https://dc.example.cn/a/1.html"), feed.Items[0].Link);
        Assert.Equal(new DateTimeOffset(2024, 7, 20, 0, 0, 0, TimeSpan.Zero), feed.Items[0].Published); // issued, not modified
        Assert.Equal(new DateTimeOffset(2024, 7, 19, 12, 0, 0, TimeSpan.Zero), feed.Items[1].Published);
        Assert.Null(feed.Items[2].Link);
        Assert.Equal(2, coverage.Items.Count);
        Assert.Contains("link: missing", Assert.Single(coverage.Skipped).Reason);
    }

    [Fact]
    public void Should_recover_html_entities_and_bare_ampersands_instead_of_refusing_the_document()
    {
        var feed = Read("rss-html-entities-and-bare-ampersands.xml");

        Assert.Equal("Entities & Ampersands © 2024", feed.Title);
        Assert.Equal(new Uri("https://amp.example.com/?site=1&lang=zh"), feed.Link);
        var item = Assert.Single(feed.Items);
        Assert.Equal("R&D at Xiaomi — the SU7…", item.Title);
        Assert.Equal(new Uri("https://amp.example.com/story?id=7&from=rss&utm=x"), item.Link);
        Assert.Equal("Price ¥215,900 & up; &unknownentity; stays as text; AT&T.", item.Summary);
    }

    [Theory]
    [InlineData("gbk-undeclared.xml", null)]
    [InlineData("gbk-declared-as-utf8.xml", null)]
    [InlineData("gbk-undeclared.xml", "utf-8")]
    [InlineData("big5-undeclared.xml", null)]
    [InlineData("utf16-with-bom.xml", "gbk")]
    public void Should_find_the_encoding_a_chinese_feed_is_really_in(string name, string? headerCharset)
    {
        var feed = Read(name, headerCharset);

        Assert.Contains(feed.Title, new[] { "示例晚报 汽车频道", "示例晚報 汽車頻道" });
        var item = Assert.Single(feed.Items);
        Assert.StartsWith("小米汽", item.Title);
        Assert.DoesNotContain('\uFFFD', item.Title + item.Summary);
    }

    [Fact]
    public void Should_refuse_a_document_that_is_not_xml_saying_why()
    {
        var e = Assert.Throws<FeedFormatException>(() => Read("not-xml-at-all.xml"));

        Assert.StartsWith("The feed is not well-formed XML:", e.Message);
    }

    [Fact]
    public void Should_refuse_nesting_beyond_the_bound_in_linear_time()
    {
        var deep = "<rss><channel>" + string.Concat(Enumerable.Repeat("<x>", 100_000)) + string.Concat(Enumerable.Repeat("</x>", 100_000)) + "</channel></rss>";

        var e = Assert.Throws<FeedFormatException>(() => FeedDocumentReader.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(deep)), Fetched, null));

        Assert.Contains($"deeper than {FeedDocumentReader.MaxDepth} levels", e.Message);
    }
}
