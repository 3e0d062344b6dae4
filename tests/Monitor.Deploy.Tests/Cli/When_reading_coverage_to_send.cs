using Monitor.Cli.Pipeline;
using Monitor.Cli.Pipeline.Ingest;
using Monitor.Cli.Pipeline.Stats;
using Monitor.Contracts;
using Xunit;

namespace Monitor.Deploy.Tests.Cli;

public class When_reading_coverage_to_send
{
    [Fact]
    public void Should_follow_an_item_in_the_stream_ingestion_derives_for_it()
    {
        var item = CoverageSource.ReadLine(
            """{"platform":"news","platformId":"x","url":"https://www.news.example.cn/a?utm_source=feed"}""", "line 1");

        Assert.Equal(CoverageIdentity.For(Monitor.Contracts.PlatformNames.News, "x", "https://news.example.cn/a"), item.CoverageId);
        Assert.Equal("news", item.Platform);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[1, 2]", "expected a CoverageReceived object")]
    [InlineData("""{"platformId":"1"}""", "\"platform\" is missing")]
    [InlineData("""{"platform":"weibo","platformId":""}""", "\"platformId\" is missing or not a non-empty string")]
    [InlineData("""{"platform":"myspace","platformId":"1"}""", "platform 'myspace' is not one of weibo, douyin, xiaohongshu, news")]
    public void Should_reject_a_line_as_a_usage_error_naming_where_and_what(string line, string expected)
    {
        var error = Assert.Throws<PipelineCommandException>(() => CoverageSource.ReadLine(line, "in.jsonl line 7"));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.StartsWith("in.jsonl line 7: ", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Should_number_lines_as_they_are_in_the_file_skipping_blank_ones()
    {
        var file = Path.Combine(Path.GetTempPath(), $"monitor-{Guid.NewGuid():N}.jsonl");
        File.WriteAllLines(file, ["""{"platform":"douyin","platformId":"7"}""", "", """{"platform":"douyin"}"""]);
        try
        {
            var error = Assert.Throws<PipelineCommandException>(() => CoverageSource.FromJsonLines(file));

            Assert.Contains("line 3:", error.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Should_reject_a_path_that_is_neither_file_nor_directory()
    {
        var error = Assert.Throws<PipelineCommandException>(() => CoverageSource.Load("/no/such/corpus", DateTimeOffset.UtcNow));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
    }

    [Theory]
    [InlineData("monitor; drop table x")]
    [InlineData("Monitor")]
    [InlineData("1abc")]
    public void Should_refuse_a_schema_name_that_is_not_a_plain_identifier(string schema)
    {
        var error = Assert.Throws<PipelineCommandException>(() => EventStoreConnection.Create(EventStoreConnection.DefaultConnectionString, schema));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Contains("MONITOR_EVENTSTORE_SCHEMA", error.Message);
    }

    [Fact]
    public void Should_refuse_a_malformed_connection_string()
    {
        var error = Assert.Throws<PipelineCommandException>(() => EventStoreConnection.Create("Host=x;Bogus Keyword=1", "monitor"));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Contains("MONITOR_POSTGRES", error.Message);
    }
}
