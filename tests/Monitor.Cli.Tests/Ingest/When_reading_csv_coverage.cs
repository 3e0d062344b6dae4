using Monitor.Cli.Pipeline;
using Monitor.Cli.Pipeline.Ingest;

namespace Monitor.Cli.Tests.Ingest;

/// <summary>The CSV reader on its own: no infrastructure.</summary>
public sealed class When_reading_csv_coverage
{
    private static CoverageInput Read(string csv) => CsvCoverageReader.Read(new StringReader(csv), "in.csv", "test");

    [Fact]
    public void Should_keep_commas_quotes_and_line_breaks_inside_quoted_fields_and_count_lines_as_in_the_file()
    {
        var input = Read("platform,platformId,url,text,publishedAt\n" +
                         "news,a,https://n.example/a,\"one, \"\"two\"\"\nthree\",2024-03-28T12:00:00Z\n" +
                         "news,b,https://n.example/b,x,not-a-date\n");

        var item = Assert.Single(input.Items);
        Assert.Equal("one, \"two\"\nthree", item.Json.GetProperty("text").GetString());
        Assert.Equal("in.csv line 2", item.Origin);
        var rejected = Assert.Single(input.Rejected);
        Assert.Equal("in.csv line 4", rejected.Origin);
        Assert.StartsWith("publishedAt: 'not-a-date'", rejected.Reason);
    }

    [Fact]
    public void Should_read_counts_times_and_hashtags_as_the_platforms_write_them()
    {
        var input = Read("Platform,platform_id,URL,Text,published-at,Author.Followers,likes,engagement.views,hashtags\n" +
                         "douyin,7,https://d.example/7,SU7,1711623600,1.2万,10w+,3000,#小米SU7;提车|试驾\n");

        var json = Assert.Single(input.Items).Json;
        Assert.Equal(12_000, json.GetProperty("author").GetProperty("followers").GetInt64());
        Assert.Equal(100_000, json.GetProperty("engagement").GetProperty("likes").GetInt64());
        Assert.Equal(3_000, json.GetProperty("engagement").GetProperty("views").GetInt64());
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1711623600), json.GetProperty("publishedAt").GetDateTimeOffset());
        Assert.Equal(["小米SU7", "提车", "试驾"], json.GetProperty("hashtags").EnumerateArray().Select(t => t.GetString()));
    }

    [Theory]
    [InlineData("platform,platformId,text,publishedAt,likes\nweibo,1,x,2024-03-28,lots\n", "engagement.likes: 'lots' is not a platform count")]
    [InlineData("platform,platformId,text,publishedAt\nmyspace,1,x,2024-03-28\n", "platform: 'myspace' is not one of")]
    [InlineData("platform,platformId,text,publishedAt\nweibo,1,x\n", "has 3 fields where the header has 4")]
    [InlineData("platform,platformId,text,publishedAt\nweibo,1,\"never closed,2024-03-28\n", "a quoted field is not closed")]
    public void Should_reject_a_row_with_its_reason_and_keep_reading(string csv, string reason)
    {
        var input = Read(csv + "weibo,2,fine,2024-03-29T00:00:00Z\n");

        Assert.Contains(input.Rejected, r => r.Reason.Contains(reason) && r.Origin == "in.csv line 2");
    }

    [Theory]
    [InlineData("platform,platformId,mood\n", "column 'mood' is not a CoverageReceived field")]
    [InlineData("platform,text,publishedAt\n", "the header has no 'platformId' column")]
    [InlineData("platform,platformId,platform_id,text,publishedAt\n", "column platformId appears twice")]
    [InlineData("", "is empty")]
    public void Should_refuse_a_header_it_cannot_map_as_a_usage_error(string csv, string message)
    {
        var error = Assert.Throws<PipelineCommandException>(() => Read(csv));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Contains(message, error.Message);
    }
}
