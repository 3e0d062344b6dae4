using System.Text;

namespace Monitor.Platforms.Tests.Feeds;

public sealed class When_reading_feed_documents
{
    private static readonly Uri TechDaily = new("https://news.example.cn/auto/rss.xml");

    private static FeedDocument ReadSample(string file, Uri baseUri, string? charset = null)
    {
        using var stream = File.OpenRead(Path.Combine(SampleCorpus.FindDirectory(), "news", "rss", file));
        return FeedDocumentReader.Read(stream, baseUri, charset);
    }

    private static FeedDocument ReadText(string xml, Uri? baseUri = null, string? charset = null, Encoding? encoding = null) =>
        FeedDocumentReader.Read(new MemoryStream((encoding ?? new UTF8Encoding(false)).GetBytes(xml)), baseUri ?? TechDaily, charset);

    [Fact]
    public void Read_reads_an_rss2_feed_with_cdata_html_and_a_relative_link()
    {
        var feed = ReadSample("rss2-tech-daily.xml", TechDaily);

        Assert.Equal("rss2", feed.Format);
        Assert.Equal("示例科技日报 汽车频道", feed.Title);
        Assert.Equal(8, feed.Items.Count);
        var first = feed.Items[0];
        Assert.Equal("雷军：1003天，小米汽车技术发布会揭开SU7面纱", first.Title);
        Assert.Equal(new Uri("https://news.example.cn/auto/2023/12/28/xiaomi-tech-day.html"), first.Link);
        Assert.Equal(new DateTimeOffset(2023, 12, 28, 10, 42, 0, TimeSpan.Zero), first.Published);
        Assert.StartsWith("12月28日下午，小米汽车技术发布会", first.Summary);
        Assert.DoesNotContain("<", first.Summary);
        Assert.Equal("sample-1", first.Id);
        // The third item's link is site-relative in the file.
        Assert.Equal("https", feed.Items[2].Link!.Scheme);
        Assert.Equal("news.example.cn", feed.Items[2].Link!.Host);
    }

    [Fact]
    public void Read_leaves_the_date_of_an_undated_item_to_the_caller()
    {
        var undated = ReadSample("rss2-tech-daily.xml", TechDaily).Items[5];

        Assert.Null(undated.Published);
        Assert.Null(undated.DateText);
        Assert.NotNull(undated.Title);
    }

    [Fact]
    public void Read_decodes_a_feed_declared_as_gb2312()
    {
        var feed = ReadSample("rss2-gb2312-city-daily.xml", TechDaily);

        Assert.Equal("示例都市报", feed.Title);
        Assert.Equal(5, feed.Items.Count);
        Assert.All(feed.Items, i => Assert.DoesNotContain('\uFFFD', i.Title + i.Summary));
        Assert.Contains(feed.Items, i => i.Title!.Contains("小米SU7"));
    }

    [Fact]
    public void Read_prefers_the_charset_the_server_declared_over_the_xml_declaration()
    {
        const string xml = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>雷军年度演讲</title></channel></rss>";
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gbkBytes = Encoding.GetEncoding("GBK").GetBytes(xml);

        var feed = FeedDocumentReader.Read(new MemoryStream(gbkBytes), TechDaily, "GBK");

        Assert.Equal("雷军年度演讲", feed.Title);
    }

    [Fact]
    public void Read_falls_back_to_the_xml_declaration_when_the_declared_charset_is_unknown()
    {
        var feed = ReadSample("rss2-gb2312-city-daily.xml", TechDaily, "no-such-charset");
        Assert.Equal("示例都市报", feed.Title);
    }

    [Fact]
    public void Read_honours_a_byte_order_mark()
    {
        const string xml = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>小米SU7</title></channel></rss>";
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(xml)).ToArray();

        Assert.Equal("小米SU7", FeedDocumentReader.Read(new MemoryStream(bytes), TechDaily, "utf-8").Title);
    }

    [Fact]
    public void Read_reads_an_rss1_rdf_feed_with_dublin_core_dates()
    {
        var feed = ReadSample("rss1-auto-weekly.rdf", new Uri("https://www.autoweekly.example.com/rss"));

        Assert.Equal("rss1", feed.Format);
        Assert.Equal(5, feed.Items.Count);
        var first = feed.Items[0];
        Assert.Equal("Xiaomi unveils the SU7 after 1,003 days, pays tribute to Porsche and Tesla", first.Title);
        Assert.Equal(new Uri("https://www.autoweekly.example.com/news/xiaomi-su7-unveiled"), first.Link);
        Assert.Equal(new DateTimeOffset(2023, 12, 28, 11, 5, 0, TimeSpan.Zero), first.Published);
        Assert.Equal("Daniel Hart", first.Author);
    }

    [Fact]
    public void Read_reads_an_atom_feed_resolving_links_against_xml_base()
    {
        var feed = ReadSample("atom-ev-insider.xml", new Uri("https://elsewhere.example.net/feeds/ev.atom"));

        Assert.Equal("atom", feed.Format);
        Assert.Equal(5, feed.Items.Count);
        Assert.All(feed.Items, i => Assert.Equal("www.evinsider.example.org", i.Link!.Host));
        Assert.All(feed.Items, i => Assert.NotNull(i.Published));
        Assert.All(feed.Items, i => Assert.DoesNotContain("<p>", i.Summary));
        Assert.Contains(feed.Items, i => i.Title!.Contains("14.89 million"));
    }

    [Fact]
    public void Read_takes_updated_when_an_atom_entry_has_no_published()
    {
        const string xml = """
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://a.example.org/news/">
              <title type="html">&lt;b&gt;EV&lt;/b&gt; &amp;amp; more</title>
              <entry xml:base="2024/">
                <title>Delivery update</title>
                <link rel="self" href="https://a.example.org/self"/>
                <link href="july.html"/>
                <updated>2024-08-02T06:00:00Z</updated>
                <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Over <b>10,000</b> cars.</p></div></content>
              </entry>
            </feed>
            """;
        var feed = ReadText(xml);

        Assert.Equal("EV & more", feed.Title);
        var entry = Assert.Single(feed.Items);
        Assert.Equal(new Uri("https://a.example.org/news/2024/july.html"), entry.Link);
        Assert.Equal(new DateTimeOffset(2024, 8, 2, 6, 0, 0, TimeSpan.Zero), entry.Published);
        Assert.Equal("Over 10,000 cars.", entry.Summary);
    }

    [Fact]
    public void Read_strips_entity_encoded_html_from_rss_descriptions_and_uses_a_permalink_guid()
    {
        const string xml = """
            <rss version="2.0"><channel><title>T</title>
              <item>
                <title>SU7 &amp; Model 3</title>
                <guid>https://news.example.cn/a/1.html</guid>
                <pubDate>Fri, 19 Jul 2024 22:40:00 +0800</pubDate>
                <description>&lt;p&gt;第一段&lt;/p&gt;&lt;script&gt;track()&lt;/script&gt;&lt;p&gt;第二段&amp;nbsp;&amp;amp;&lt;/p&gt;</description>
              </item>
            </channel></rss>
            """;
        var item = Assert.Single(ReadText(xml).Items);

        Assert.Equal("SU7 & Model 3", item.Title);
        Assert.Equal(new Uri("https://news.example.cn/a/1.html"), item.Link);
        Assert.Equal(new DateTimeOffset(2024, 7, 19, 14, 40, 0, TimeSpan.Zero), item.Published);
        Assert.Equal("第一段\n第二段 &", item.Summary);
    }

    [Fact]
    public void Read_keeps_an_unreadable_date_as_text_without_guessing()
    {
        const string xml = "<rss version=\"2.0\"><channel><item><title>x</title><pubDate>2024-07-19 22:40:00</pubDate></item></channel></rss>";
        var item = Assert.Single(ReadText(xml).Items);

        Assert.Null(item.Published);
        Assert.Equal("2024-07-19 22:40:00", item.DateText);
    }

    [Fact]
    public void Read_refuses_malformed_xml_with_a_clear_error()
    {
        using var stream = File.OpenRead(Path.Combine(SampleCorpus.FindDirectory(), "malformed", "news", "rss", "truncated.xml"));
        var e = Assert.Throws<FeedFormatException>(() => FeedDocumentReader.Read(stream, TechDaily, null));

        Assert.StartsWith("The feed is not well-formed XML:", e.Message);
        Assert.Contains("Line", e.Message);
    }

    [Fact]
    public void Read_refuses_a_document_that_is_not_a_feed()
    {
        using var stream = File.OpenRead(Path.Combine(SampleCorpus.FindDirectory(), "malformed", "news", "rss", "not-a-feed.xml"));
        var e = Assert.Throws<FeedFormatException>(() => FeedDocumentReader.Read(stream, TechDaily, null));

        Assert.Contains("root element is <html>", e.Message);
    }

    [Fact]
    public void Read_does_not_expand_external_entities_and_keeps_their_reference_as_text()
    {
        var secret = Path.GetTempFileName();
        File.WriteAllText(secret, "do-not-leak");
        try
        {
            var xml = $"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]><rss version="2.0"><channel><title>&x;</title></channel></rss>""";
            var feed = ReadText(xml);
            Assert.Equal("&x;", feed.Title);
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public void Read_refuses_an_empty_document()
    {
        Assert.Throws<FeedFormatException>(() => ReadText(""));
    }
}
