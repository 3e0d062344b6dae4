using Monitor.Cli.Tests.Infrastructure;

namespace Monitor.Cli.Tests.Ingest;

public sealed class When_ingesting_a_csv_file(IngestionService ingestion) : IClassFixture<IngestionService>
{
    // Line 5 is a repeat of line 2 (the same post read twice); line 6 has a date nobody can read; line 7 has no URL,
    // which ingestion refuses; line 8's text holds a comma, a quote and a line break, so the next record starts on line 10.
    private const string Csv = """
        platform,platformId,url,title,text,publishedAt,author.id,author.name,author.followers,likes,comments,shares,hashtags
        weibo,5001,https://weibo.com/1/5001,,小米SU7 提车了,2024-03-28T19:00:00+08:00,u1,雷粉,1.2万,300,20,5,小米SU7;提车
        weibo,5002,https://weibo.com/1/5002,,等车三个月,2024-03-29T09:00:00+08:00,u2,车主,800,10,3,0,
        douyin,7001,https://www.douyin.com/video/7001,,SU7 试驾,1711623600,d1,测评君,,1万+,200,50,
        weibo,5001,https://weibo.com/1/5001,,小米SU7 提车了,2024-03-28T19:00:00+08:00,u1,雷粉,1.2万,310,20,5,小米SU7;提车
        weibo,5003,https://weibo.com/1/5003,,什么时候交付,yesterday,u3,路人,,,,,
        xiaohongshu,66a1,,,没有链接的笔记,2024-03-30T10:00:00Z,x1,小红,,,,,
        news,https://auto.example.cn/su7,https://auto.example.cn/su7,SU7 上市,"价格 21.59 万元起, ""性价比""
        很高",2024-03-28T12:00:00Z,auto.example.cn,汽车网,,,,,
        """;

    [Fact]
    public async Task Should_send_every_readable_row_and_report_the_others_by_line()
    {
        using var file = new TempFile(".csv", Csv);

        var result = await CliRun.RunAsync(ingestion.Environment, ["ingest", file.Path, .. ingestion.Url]);

        Assert.True(result.ExitCode == 1, result.ToString()); // rows were rejected
        Assert.Contains("ingest: accepted=4 ingested=4 updated=0 unchanged=0 duplicates=1 rejected=2", result.Output);
        Assert.Contains($"{file.Name} line 6: publishedAt: 'yesterday' is not a date and time", result.Output);
        Assert.Contains($"{file.Name} line 7: url: is required", result.Output);
        var stored = await ingestion.IngestedIdsAsync();
        Assert.Subset(stored.ToHashSet(), new HashSet<string> { "5001", "5002", "7001", "https://auto.example.cn/su7" });
        Assert.DoesNotContain("5003", stored);
        Assert.DoesNotContain("66a1", stored);
    }

    [Fact]
    public async Task Should_count_a_second_run_as_already_known()
    {
        using var file = new TempFile(".csv", """
            platform,platformId,url,text,publishedAt,author.id,author.name
            weibo,6001,https://weibo.com/2/6001,第一次,2024-04-01T08:00:00Z,u9,某人
            """);
        var first = await CliRun.RunAsync(ingestion.Environment, ["ingest", file.Path, .. ingestion.Url]);
        Assert.True(first.ExitCode == 0, first.ToString());

        var second = await CliRun.RunAsync(ingestion.Environment, ["ingest", file.Path, .. ingestion.Url]);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("ingest: accepted=1 ingested=0 updated=0 unchanged=1 duplicates=0 rejected=0", second.Output);
    }

    [Fact]
    public async Task Should_refuse_a_header_naming_an_unknown_field_as_a_usage_error()
    {
        using var file = new TempFile(".csv", "platform,platformId,sentiment\nweibo,1,positive\n");

        var result = await CliRun.RunAsync(ingestion.Environment, ["ingest", file.Path, .. ingestion.Url]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{file.Name} line 1: column 'sentiment' is not a CoverageReceived field", result.Error);
    }
}
