using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Contracts;
using Monitor.Feeds.Sdk.Configuration;
using Monitor.Feeds.Sdk.Polling;
using Monitor.Feeds.Sdk.Testing;
using Monitor.Feeds.Tests.Support;
using Xunit;

namespace Monitor.Feeds.Tests.Sdk;

public sealed class When_a_feed_keeps_failing
{
    [Fact]
    public async Task Should_register_then_report_failing_with_the_reason_and_heartbeat_once_it_recovers()
    {
        var source = new ScriptedSource(["a1"], ["b1"]);
        var failures = 3;
        source.FailOnPage = _ => Interlocked.Decrement(ref failures) >= 0 ? new InvalidDataException("Weibo page: 'ok' is 0 (请求过于频繁)") : null;
        var journal = new InMemoryFeedJournal();
        var settings = new FeedSettings { Name = "flaky", Interval = TimeSpan.FromMilliseconds(20) };
        var status = new FeedStatus();
        var worker = new FeedWorker(source, journal,
            new FeedPoller(source, journal, new RecordingPublisher(), settings, TimeProvider.System, NullLogger<FeedPoller>.Instance),
            status, settings, TimeProvider.System, NullLogger<FeedWorker>.Instance);

        await worker.StartAsync(CancellationToken.None);
        var recovered = await Eventually.HoldsAsync(() => Task.FromResult(Snapshot(journal).OfType<FeedHeartbeat>().Any()), TimeSpan.FromSeconds(10));
        await worker.StopAsync(CancellationToken.None);

        Assert.True(recovered, "no heartbeat after the source recovered");
        var events = Snapshot(journal);
        Assert.IsType<FeedRegistered>(events[0]);
        var failing = events.OfType<FeedFailing>().ToList();
        // Three failures in a row with one reason: recorded at the 1st and the 2nd, not the 3rd.
        Assert.Equal([1, 2], failing.Select(f => f.ConsecutiveFailures));
        Assert.All(failing, f => Assert.Equal("InvalidDataException: Weibo page: 'ok' is 0 (请求过于频繁)", f.Reason));
        Assert.Equal(0, status.Current.ConsecutiveFailures);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(4, true)]
    [InlineData(6, false)]
    [InlineData(8, true)]
    public void ShouldRecord_thins_out_a_repeated_reason(int consecutive, bool recorded) =>
        Assert.Equal(recorded, FeedWorker.ShouldRecord("same", consecutive == 1 ? null : "same", consecutive));

    [Fact]
    public void ShouldRecord_records_a_new_reason_at_once() =>
        Assert.True(FeedWorker.ShouldRecord("circuit open", "timed out", 7));

    private static List<object> Snapshot(InMemoryFeedJournal journal)
    {
        lock (journal.Events) return journal.Events.ToList();
    }
}
