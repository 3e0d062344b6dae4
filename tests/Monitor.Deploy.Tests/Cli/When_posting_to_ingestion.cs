using System.Net;
using System.Text.Json;
using Monitor.Cli.Pipeline;
using Monitor.Cli.Pipeline.Ingest;
using Xunit;

namespace Monitor.Deploy.Tests.Cli;

public class When_posting_to_ingestion
{
    private static readonly IngestionClientOptions Fast = new(TimeSpan.FromMilliseconds(300), 3, TimeSpan.FromMilliseconds(5));
    private static readonly Uri Url = new("http://127.0.0.1:5101");

    private static IReadOnlyList<OutgoingCoverage> Batch(int count) =>
        Enumerable.Range(1, count)
            .Select(i => CoverageSource.ReadLine($$"""{"platform":"weibo","platformId":"{{i}}","url":"https://weibo.com/1/{{i}}"}""", $"corpus.jsonl line {i}"))
            .ToList();

    private static async Task<PipelineCommandException> FailsWith(ScriptedHandler handler, int count = 2)
    {
        using var client = new IngestionClient(Url, Fast, handler: handler);
        return await Assert.ThrowsAsync<PipelineCommandException>(() => client.PostAsync(Batch(count), CancellationToken.None));
    }

    [Fact]
    public async Task Should_send_the_batch_as_one_json_array_and_read_the_counts()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Answer(HttpStatusCode.Accepted,
            """{"accepted":3,"ingested":2,"updated":1,"unchanged":0}"""));
        using var client = new IngestionClient(Url, Fast, handler: handler);

        var reply = await client.PostAsync(Batch(3), CancellationToken.None);

        Assert.Equal(new IngestReply(3, 2, 1, 0), reply);
        var sent = JsonDocument.Parse(handler.Bodies.Single()).RootElement;
        Assert.Equal(["1", "2", "3"], sent.EnumerateArray().Select(e => e.GetProperty("platformId").GetString()));
    }

    [Fact]
    public async Task Should_retry_server_errors_and_return_the_answer_that_succeeds()
    {
        var handler = new ScriptedHandler(
            ScriptedHandler.Answer(HttpStatusCode.ServiceUnavailable),
            ScriptedHandler.Refuse(),
            ScriptedHandler.Answer(HttpStatusCode.Accepted, """{"accepted":2,"ingested":0,"updated":0,"unchanged":2}"""));
        var retries = new List<string>();
        using var client = new IngestionClient(Url, Fast, retries.Add, handler);

        var reply = await client.PostAsync(Batch(2), CancellationToken.None);

        Assert.Equal(new IngestReply(2, 0, 0, 2), reply);
        Assert.Equal(3, handler.Attempts);
        Assert.Equal(2, retries.Count);
        Assert.Contains("HTTP 503", retries[0]);
    }

    [Fact]
    public async Task Should_report_infrastructure_unreachable_once_retries_are_spent()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Refuse());

        var error = await FailsWith(handler);

        Assert.Equal(ExitCodes.InfrastructureUnreachable, error.ExitCode);
        Assert.Equal(Fast.MaxRetries + 1, handler.Attempts);
        Assert.Contains("cannot reach ingestion at http://127.0.0.1:5101/api/coverage", error.Message);
    }

    [Fact]
    public async Task Should_give_up_on_an_attempt_that_does_not_answer_in_time()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Hang());

        var error = await FailsWith(handler);

        Assert.Equal(ExitCodes.InfrastructureUnreachable, error.ExitCode);
        Assert.Equal(Fast.MaxRetries + 1, handler.Attempts);
    }

    [Fact]
    public async Task Should_not_retry_a_rejected_batch_and_name_the_invalid_items_where_they_were_read()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Answer(HttpStatusCode.BadRequest, """
            {"title":"One or more coverage items are invalid.","status":400,
             "errors":{"[1].publishedAt":["is required"],"[0].author.id":["must not be empty"]}}
            """));

        var error = await FailsWith(handler);

        Assert.Equal(ExitCodes.Failed, error.ExitCode);
        Assert.Equal(1, handler.Attempts);
        Assert.Contains("corpus.jsonl line 2 publishedAt: is required", error.Message);
        Assert.Contains("corpus.jsonl line 1 author.id: must not be empty", error.Message);
    }

    [Fact]
    public async Task Should_ask_for_smaller_batches_when_the_body_is_too_large()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Answer(HttpStatusCode.RequestEntityTooLarge));

        var error = await FailsWith(handler, count: 5);

        Assert.Equal(ExitCodes.Failed, error.ExitCode);
        Assert.Contains("batch of 5 items", error.Message);
        Assert.Contains("--batch-size", error.Message);
    }

    [Fact]
    public async Task Should_fail_clearly_on_an_answer_it_cannot_read()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Answer(HttpStatusCode.Accepted, "<html>proxy</html>"));

        var error = await FailsWith(handler);

        Assert.Equal(ExitCodes.Failed, error.ExitCode);
        Assert.Contains("unexpected body", error.Message);
    }
}
