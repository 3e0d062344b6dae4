using Monitor.EventStore.Tests.Support;
using Monitor.Testing;
using Xunit;

namespace Monitor.EventStore.Tests.Subscriptions;

public sealed class When_a_subscription_runs(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Should_deliver_every_event_once_in_order_and_checkpoint_after_the_last()
    {
        await using var store = await Stores.CreateAsync(schema);
        var stream = Guid.NewGuid();
        await store.AppendAsync(stream, "cart", ExpectedVersion.NoStream, [TestEvents.Note(0), TestEvents.Note(1)]);
        var handler = new RecordingHandler();
        var subscription = new Subscription(store, new SubscriptionOptions { Name = "in-order", BatchSize = 3 }, handler);
        using var cts = new CancellationTokenSource(Timeout);
        var run = subscription.RunAsync(cts.Token);

        for (var i = 2; i < 10; i++)
            await store.AppendAsync(stream, "cart", ExpectedVersion.Exactly(i), [TestEvents.Note(i)]);
        var ours = () => handler.Seen.Where(e => e.StreamId == stream).ToList();
        var all = await Until.HoldsAsync(() => ours().Count >= 10, Timeout);
        await Task.Delay(200); // a duplicate delivery would show up now
        await cts.CancelAsync();
        await run;

        Assert.True(all, $"only {ours().Count} of 10 events arrived");
        Assert.Equal(Enumerable.Range(0, 10), ours().Select(e => ((Noted)e.Data).Number));
        Assert.Equal(handler.Seen[^1].Position, subscription.Checkpoint);
    }

    [Fact]
    public async Task Should_wake_on_commit_without_waiting_for_its_poll()
    {
        await using var store = await Stores.CreateAsync(schema);
        var stream = Guid.NewGuid();
        var handler = new RecordingHandler(stream);
        // a poll this slow never fires within the test: only the notification can deliver the event
        var subscription = new Subscription(store, new SubscriptionOptions { Name = "prompt", PollInterval = TimeSpan.FromMinutes(10) }, handler);
        using var cts = new CancellationTokenSource(Timeout);
        var run = subscription.RunAsync(cts.Token);
        Assert.True(await Until.HoldsAsync(() => subscription.IsActive, Timeout), "the subscription never became active");
        await Task.Delay(500); // let it catch up and settle into its wait

        await store.AppendAsync(stream, "cart", ExpectedVersion.NoStream, [TestEvents.Note(1)]);
        var arrived = await Until.HoldsAsync(() => handler.Seen.Count == 1, TimeSpan.FromSeconds(15));
        await cts.CancelAsync();
        await run;

        Assert.True(arrived, "the append's notification did not wake the subscription");
    }

    [Fact]
    public async Task Should_resume_from_its_checkpoint_after_a_restart()
    {
        await using var store = await Stores.CreateAsync(schema);
        var stream = Guid.NewGuid();
        await store.AppendAsync(stream, "cart", ExpectedVersion.NoStream, [TestEvents.Note(0), TestEvents.Note(1)]);
        var lastPosition = (await store.ReadStreamAsync(stream))[^1].Position;
        var options = new SubscriptionOptions { Name = "resume" };

        var first = new RecordingHandler(stream);
        using (var cts = new CancellationTokenSource(Timeout))
        {
            var subscription = new Subscription(store, options, first);
            var run = subscription.RunAsync(cts.Token);
            // stop only once the batch is committed; a batch cancelled before its commit comes again
            Assert.True(await Until.HoldsAsync(() => subscription.Checkpoint >= lastPosition, Timeout), "the first run never committed its checkpoint");
            await cts.CancelAsync();
            await run;
        }
        await store.AppendAsync(stream, "cart", ExpectedVersion.Exactly(2), [TestEvents.Note(2)]);
        var second = new RecordingHandler(stream);
        using (var cts = new CancellationTokenSource(Timeout))
        {
            var run = new Subscription(store, options, second).RunAsync(cts.Token);
            Assert.True(await Until.HoldsAsync(() => second.Seen.Any(e => e.StreamId == stream), Timeout), "the resumed run saw nothing");
            await Task.Delay(200); // an event delivered again would show up now
            await cts.CancelAsync();
            await run;
        }

        Assert.Equal([0, 1], first.Seen.Where(e => e.StreamId == stream).Select(e => ((Noted)e.Data).Number));
        Assert.Equal([2], second.Seen.Where(e => e.StreamId == stream).Select(e => ((Noted)e.Data).Number));
    }
}
