using System.Collections.Concurrent;
using Monitor.EventStore.Tests.Support;
using Monitor.Testing;
using Xunit;

namespace Monitor.EventStore.Tests.Subscriptions;

public sealed class When_two_instances_share_a_subscription(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Should_let_only_one_process_at_a_time_and_the_other_take_over()
    {
        await using var store = await Stores.CreateAsync(schema);
        var stream = Guid.NewGuid();
        var tracker = new ConcurrencyTracker();
        var options = new SubscriptionOptions { Name = "shared", BatchSize = 5, PollInterval = TimeSpan.FromMilliseconds(20), LockRetryInterval = TimeSpan.FromMilliseconds(100) };
        var a = new TrackingHandler("a", tracker);
        var b = new TrackingHandler("b", tracker);
        var first = new Subscription(store, options, a);
        var second = new Subscription(store, options, b);
        using var firstCts = new CancellationTokenSource(Timeout);
        using var secondCts = new CancellationTokenSource(Timeout);
        var firstRun = first.RunAsync(firstCts.Token);
        Assert.True(await Until.HoldsAsync(() => first.IsActive, Timeout), "the first instance never took the lock");
        var secondRun = second.RunAsync(secondCts.Token);

        var bothActive = false;
        for (var i = 0; i < 40; i++)
        {
            await store.AppendAsync(stream, "cart", ExpectedVersion.Exactly(i), [TestEvents.Note(i)]);
            bothActive |= first.IsActive && second.IsActive;
        }
        Assert.True(await Until.HoldsAsync(() => a.Handled.Count(e => e.StreamId == stream) == 40, Timeout));
        Assert.Empty(b.Handled);

        await firstCts.CancelAsync();
        await firstRun;
        Assert.True(await Until.HoldsAsync(() => second.IsActive, Timeout), "the second instance never took over");
        for (var i = 40; i < 60; i++)
            await store.AppendAsync(stream, "cart", ExpectedVersion.Exactly(i), [TestEvents.Note(i)]);
        // at-least-once: a batch the first instance handled but had not committed when it stopped comes again
        var later = () => b.Handled.Where(e => e.StreamId == stream && ((Noted)e.Data).Number >= 40).Select(e => e.Id).Distinct().Count();
        var tookOver = await Until.HoldsAsync(() => later() == 20, Timeout);
        await secondCts.CancelAsync();
        await secondRun;

        Assert.True(tookOver, $"the second instance handled {later()} of 20 later events");
        Assert.Equal(1, tracker.MaxConcurrent);
        Assert.False(bothActive);
        Assert.Equal(Enumerable.Range(0, 60), a.Handled.Concat(b.Handled).Where(e => e.StreamId == stream).Select(e => ((Noted)e.Data).Number).Distinct().Order());
        Assert.All([a, b], h => Assert.True(h.Handled.Select(e => e.Position).SequenceEqual(h.Handled.Select(e => e.Position).Order()) || h.Handled.Count == 0));
    }

    private sealed class ConcurrencyTracker
    {
        private int _active;
        private int _max;

        public int MaxConcurrent => Volatile.Read(ref _max);

        public async Task RunAsync(Func<Task> work)
        {
            var now = Interlocked.Increment(ref _active);
            InterlockedMax(ref _max, now);
            try { await work(); }
            finally { Interlocked.Decrement(ref _active); }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
        }
    }

    private sealed class TrackingHandler(string name, ConcurrencyTracker tracker) : ISubscriptionHandler
    {
        private readonly ConcurrentQueue<StoredEvent> _handled = new();

        public string Name => name;
        public IReadOnlyList<StoredEvent> Handled => _handled.ToArray();

        public Task HandleAsync(IReadOnlyList<StoredEvent> batch, SubscriptionContext context, CancellationToken ct) =>
            tracker.RunAsync(async () =>
            {
                await Task.Delay(10, ct); // widen the window in which a second instance would overlap
                foreach (var e in batch) _handled.Enqueue(e);
            });
    }
}
