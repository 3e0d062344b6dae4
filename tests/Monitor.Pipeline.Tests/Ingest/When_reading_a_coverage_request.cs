using System.Text.Json;
using Monitor.Ingestion.Ingest;

namespace Monitor.Pipeline.Tests.Ingest;

public class When_reading_a_coverage_request
{
    private static readonly DateTimeOffset Now = new(2024, 7, 20, 12, 0, 0, TimeSpan.Zero);

    internal const string ValidItem = """
        {"platform":"weibo","platformId":"5057123456789012","url":"https://weibo.com/1/5057123456789012",
         "title":null,"text":"雷军年度演讲 #雷军年度演讲#","author":{"id":"1","name":"车评人","followers":12000,"verified":true},
         "publishedAt":"2024-07-19T20:05:00+08:00","engagement":{"likes":120,"comments":30,"shares":5},
         "hashtags":["雷军年度演讲"],"region":"北京"}
        """;

    private static CoverageRequest Read(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return CoverageRequest.Read(doc.RootElement.Clone(), Now);
    }

    [Fact]
    public void Should_accept_one_object_and_default_feed_and_observedAt()
    {
        var request = Read(ValidItem);

        Assert.False(request.Errors.Any, request.Errors.ToString());
        var item = Assert.Single(request.Items);
        Assert.Equal("http", item.Feed);
        Assert.Equal(Now, item.ObservedAt);
        Assert.Equal(new DateTimeOffset(2024, 7, 19, 12, 5, 0, TimeSpan.Zero), item.PublishedAt.ToUniversalTime());
        Assert.Equal(120, item.Engagement.Likes);
    }

    [Fact]
    public void Should_name_every_invalid_path_of_a_batch()
    {
        var missingDate = ValidItem.Replace("\"publishedAt\":\"2024-07-19T20:05:00+08:00\",", "");
        var badCounts = ValidItem.Replace("\"platform\":\"weibo\"", "\"platform\":\"myspace\"").Replace("\"likes\":120", "\"likes\":-1");
        var request = Read($"[{ValidItem},{missingDate},{ValidItem},{badCounts}]");

        var errors = request.Errors.ToDictionary();
        Assert.Equal(["[1].publishedAt", "[3].engagement.likes", "[3].platform"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("myspace", errors["[3].platform"][0]);
    }

    [Fact]
    public void Should_report_a_value_of_the_wrong_format_at_its_path()
    {
        var request = Read("[" + ValidItem + "," + ValidItem.Replace("\"comments\":30", "\"comments\":\"many\"") + "]");

        Assert.Equal(["[1].engagement.comments"], request.Errors.ToDictionary().Keys);
    }

    [Theory]
    [InlineData("42", "$")]
    [InlineData("[]", "$")]
    [InlineData("[\"text\"]", "[0]")]
    public void Should_reject_a_body_that_holds_no_items(string json, string path)
    {
        Assert.Equal([path], Read(json).Errors.ToDictionary().Keys);
    }

    [Fact]
    public void Should_require_author_fields_by_their_nested_path()
    {
        var request = Read(ValidItem.Replace("\"id\":\"1\",\"name\":\"车评人\",", ""));

        Assert.Equal(["author.id", "author.name"], request.Errors.ToDictionary().Keys.Order(StringComparer.Ordinal));
    }
}
