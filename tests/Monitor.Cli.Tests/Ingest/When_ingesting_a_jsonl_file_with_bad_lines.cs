using Monitor.Cli.Tests.Infrastructure;

namespace Monitor.Cli.Tests.Ingest;

public sealed class When_ingesting_a_jsonl_file_with_bad_lines(IngestionService ingestion) : IClassFixture<IngestionService>
{
    private static string Item(string id) =>
        $$"""{"platform":"douyin","platformId":"{{id}}","url":"https://www.douyin.com/video/{{id}}","text":"SU7","author":{"id":"a","name":"A"},"publishedAt":"2024-03-28T10:00:00Z","engagement":{},"hashtags":[]}""";

    [Fact]
    public async Task Should_store_the_good_lines_and_name_the_bad_ones()
    {
        using var file = new TempFile(".jsonl", string.Join('\n',
            Item("8001"),
            "{not json",
            Item("8002"),
            """{"platform":"tiktok","platformId":"9"}""",
            Item("8003").Replace("\"engagement\":{}", "\"engagement\":{\"likes\":-1}")));

        var result = await CliRun.RunAsync(ingestion.Environment, ["ingest", file.Path, "--batch-size", "10", .. ingestion.Url]);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"{file.Name} line 2: not valid JSON", result.Output);
        Assert.Contains($"{file.Name} line 4: platform 'tiktok' is not one of", result.Output);
        Assert.Contains($"{file.Name} line 5: engagement.likes: must not be negative", result.Output);
        Assert.Contains("ingest: accepted=2 ingested=2 updated=0 unchanged=0 duplicates=0 rejected=3", result.Output);
        Assert.Equal(["8001", "8002"], (await ingestion.IngestedIdsAsync()).Where(id => id.StartsWith("800")));
    }

    [Fact]
    public async Task Should_name_a_line_with_a_nul_and_store_the_rest_without_retrying()
    {
        using var file = new TempFile(".jsonl", string.Join('\n',
            Item("8201"),
            Item("8202").Replace("\"text\":\"SU7\"", "\"text\":\"SU7\\u0000\""),
            Item("8203"),
            Item("8204").Replace("\"publishedAt\":\"2024-03-28T10:00:00Z\"", "\"publishedAt\":\"0001-01-01T00:00:00Z\""),
            Item("8205").Replace("\"text\":\"SU7\"", "\"text\":\"SU7\\ud83d\"")));

        var result = await CliRun.RunAsync(ingestion.Environment, ["ingest", file.Path, "--batch-size", "10", .. ingestion.Url]);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"{file.Name} line 2: text: contains the control character U+0000", result.Output);
        Assert.Contains($"{file.Name} line 4: publishedAt:", result.Output);
        Assert.Contains($"{file.Name} line 5: a string holds an unpaired surrogate", result.Output);
        Assert.DoesNotContain("retry", result.Output + result.Error);
        Assert.Contains("ingest: accepted=2 ingested=2 updated=0 unchanged=0 duplicates=0 rejected=3", result.Output);
        Assert.Equal(["8201", "8203"], (await ingestion.IngestedIdsAsync()).Where(id => id.StartsWith("820")));
    }

    [Fact]
    public async Task Should_exit_3_when_ingestion_cannot_be_reached()
    {
        using var file = new TempFile(".jsonl", Item("8100"));

        var result = await CliRun.RunAsync(ingestion.Environment, TimeSpan.FromSeconds(90), "ingest", file.Path, "--url", "http://127.0.0.1:9");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("cannot reach ingestion at http://127.0.0.1:9/api/coverage", result.Error);
    }
}
