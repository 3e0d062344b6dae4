using System.Text.RegularExpressions;
using Monitor.Cli.Tests.Infrastructure;
using Monitor.Testing;

namespace Monitor.Cli.Tests.Errors;

public sealed class When_replaying_an_error_queue(RabbitMqVhost vhost) : IClassFixture<RabbitMqVhost>, IAsyncLifetime
{
    private readonly Broker _broker = new(vhost);

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>The queue's row in `errors list`: name, message count, the queue it replays to.</summary>
    private static Regex QueueRow(string queue, int messages) => new($@"{Regex.Escape(queue)}\s*\S\s*{messages}\s*\S");

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task Should_put_a_poisoned_message_back_on_its_queue_exactly_once()
    {
        await _broker.DeclareAsync("coverage-received", "coverage-received_error");
        await _broker.PoisonAsync("coverage-received_error", "7c9e6679-7425-40de-944b-e07fc1f90ae7", """{"message":{"platform":"weibo"}}""",
            "Monitor.Ingestion.InvalidCoverageException", "publishedAt is missing");

        // The management API samples queue lengths every few seconds, so the count may lag a fresh message.
        CliResult listed = null!;
        var counted = await Until.HoldsAsync(async () =>
        {
            listed = await CliRun.RunAsync(_broker.Environment, "errors", "list");
            return QueueRow("coverage-received_error", 1).IsMatch(listed.Output);
        }, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(1));
        Assert.True(counted && listed.ExitCode == 0, listed.ToString());
        Assert.Matches(@"coverage-received_error\s*\S\s*1\s*\S\s*coverage-received\s", listed.Output);

        var shown = await CliRun.RunAsync(_broker.Environment, "errors", "show", "coverage-received_error");
        Assert.True(shown.ExitCode == 0, shown.ToString());
        Assert.Contains("Monitor.Ingestion.InvalidCoverageException", shown.Output);
        Assert.Contains("publishedAt is missing", shown.Output);

        var replayed = await CliRun.RunAsync(_broker.Environment, "errors", "replay", "coverage-received_error", "--all");
        Assert.True(replayed.ExitCode == 0, replayed.ToString());
        Assert.Contains("errors replay: queue=coverage-received_error moved=1 remaining=0", replayed.Output);

        // A second replay finds nothing to move: the message was moved, not copied.
        var again = await CliRun.RunAsync(_broker.Environment, "errors", "replay", "coverage-received_error", "--all");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("moved=0", again.Output);

        var back = await _broker.DrainAsync("coverage-received");
        var message = Assert.Single(back);
        Assert.Equal("7c9e6679-7425-40de-944b-e07fc1f90ae7", message.MessageId);
        Assert.Equal("""{"message":{"platform":"weibo"}}""", message.Body);
        Assert.Equal("coverage-ingested", message.Headers["Monitor-Event-Type"]);
        Assert.DoesNotContain(message.Headers.Keys, h => h.StartsWith("MT-Fault-") || h == "MT-Reason");
        Assert.Empty(await _broker.DrainAsync("coverage-received_error"));
    }

    [Fact]
    public async Task Should_move_only_as_many_as_counted_oldest_first()
    {
        await _broker.DeclareAsync("content-extracted", "content-extracted_error");
        for (var i = 1; i <= 3; i++)
            await _broker.PoisonAsync("content-extracted_error", $"00000000-0000-0000-0000-00000000000{i}", $"{{\"n\":{i}}}", "System.TimeoutException", "slow");

        var replayed = await CliRun.RunAsync(_broker.Environment, "errors", "replay", "content-extracted_error", "--count", "2");

        Assert.True(replayed.ExitCode == 0, replayed.ToString());
        Assert.Equal(["{\"n\":1}", "{\"n\":2}"], (await _broker.DrainAsync("content-extracted")).Select(m => m.Body));
        Assert.Equal(["{\"n\":3}"], (await _broker.DrainAsync("content-extracted_error")).Select(m => m.Body));
    }

    [Fact]
    public async Task Should_leave_the_messages_where_they_are_when_the_original_queue_is_gone()
    {
        await _broker.DeclareAsync("orphan_error");
        await _broker.PoisonAsync("orphan_error", "00000000-0000-0000-0000-0000000000aa", "{}", "System.Exception", "x");

        var replayed = await CliRun.RunAsync(_broker.Environment, "errors", "replay", "orphan_error", "--all");

        Assert.Equal(1, replayed.ExitCode);
        Assert.Contains("the queue 'orphan' that 'orphan_error' belongs to does not exist", replayed.Error);
        Assert.Single(await _broker.DrainAsync("orphan_error"));
    }

    [Fact]
    public async Task Should_name_a_missing_error_queue()
    {
        var replayed = await CliRun.RunAsync(_broker.Environment, "errors", "show", "nothing-here_error");

        Assert.Equal(1, replayed.ExitCode);
        Assert.Contains("there is no queue 'nothing-here_error'", replayed.Error);
    }
}
