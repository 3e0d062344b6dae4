using Monitor.EventStore.Tests.Support;
using Monitor.Testing;
using Xunit;

namespace Monitor.EventStore.Tests.Subscriptions;

/// <summary>
/// A sequence number is taken before its transaction commits. A reader that trusted seq_id alone
/// would pass the open transaction's number and never come back for it.
/// </summary>
public sealed class When_a_transaction_commits_late(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Should_hold_subscribers_at_the_open_transaction_and_deliver_it_once_committed()
    {
        await using var store = await Stores.CreateAsync(schema);
        var early = Guid.NewGuid();
        var late = Guid.NewGuid();
        var handler = new RecordingHandler(early, late);
        using var cts = new CancellationTokenSource(Timeout * 2);
        var subscription = new Subscription(store, new SubscriptionOptions { Name = "late-commit", PollInterval = TimeSpan.FromMilliseconds(20) }, handler);
        var run = subscription.RunAsync(cts.Token);

        await using var slow = await store.DataSource.OpenConnectionAsync();
        await using var slowTx = await slow.BeginTransactionAsync();
        await store.AppendAsync(slowTx, early, "cart", ExpectedVersion.NoStream, [TestEvents.Note(1)]);
        await store.AppendAsync(late, "cart", ExpectedVersion.NoStream, [TestEvents.Note(2)]);
        var lateSeq = (await store.ReadStreamAsync(late))[0].SeqId;

        // the later append is committed, yet nobody may pass the open transaction's lower number:
        // let the subscription look several times and find it held each time
        var held = await Until.HoldsAsync(() => subscription.HeldReads >= 3, Timeout);
        Assert.True(held, "the subscription never found the committed event held behind the open transaction");
        Assert.Empty(handler.Seen);
        Assert.DoesNotContain(await store.ReadAllAsync(GlobalPosition.Start, 1000), e => e.StreamId == late);

        await slowTx.CommitAsync();
        var both = await Until.HoldsAsync(() => handler.Seen.Count >= 2, Timeout);
        await Task.Delay(200);
        await cts.CancelAsync();
        await run;

        Assert.True(both, $"{handler.Seen.Count} of 2 events arrived after the commit");
        Assert.Equal([early, late], handler.Seen.Select(e => e.StreamId));
        Assert.True(handler.Seen[0].SeqId < lateSeq, "the early transaction held the lower sequence number");
    }

    [Fact]
    public async Task Should_not_leave_subscribers_stuck_behind_a_rolled_back_append()
    {
        await using var store = await Stores.CreateAsync(schema);
        var abandoned = Guid.NewGuid();
        var kept = Guid.NewGuid();
        var handler = new RecordingHandler(abandoned, kept);
        using var cts = new CancellationTokenSource(Timeout * 2);
        var run = new Subscription(store, new SubscriptionOptions { Name = "rolled-back", PollInterval = TimeSpan.FromMilliseconds(20) }, handler).RunAsync(cts.Token);

        await using (var conn = await store.DataSource.OpenConnectionAsync())
        await using (var tx = await conn.BeginTransactionAsync())
        {
            await store.AppendAsync(tx, abandoned, "cart", ExpectedVersion.NoStream, [TestEvents.Note(1)]);
            await store.AppendAsync(kept, "cart", ExpectedVersion.NoStream, [TestEvents.Note(2)]);
            await tx.RollbackAsync();
        }
        await store.AppendAsync(kept, "cart", ExpectedVersion.Exactly(1), [TestEvents.Note(3)]);

        var arrived = await Until.HoldsAsync(() => handler.Seen.Count >= 2, Timeout);
        await Task.Delay(200);
        await cts.CancelAsync();
        await run;

        Assert.True(arrived, $"{handler.Seen.Count} of 2 events arrived");
        Assert.Equal([2, 3], handler.Seen.Select(e => ((Noted)e.Data).Number));
        Assert.Null(await store.FetchStreamStateAsync(abandoned));
    }
}
