using Monitor.EventStore.Tests.Support;
using Monitor.Testing;
using Xunit;

namespace Monitor.EventStore.Tests.Subscriptions;

/// <summary>Subscriptions that are not projections (the relay) ignore the version stored beside their checkpoint.</summary>
public sealed class When_a_subscription_has_no_version(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Should_keep_handling_and_checkpointing_whatever_version_its_row_holds()
    {
        await using var store = await Stores.CreateAsync(schema);
        var stream = Guid.NewGuid();
        var handler = new RecordingHandler(stream);
        var subscription = new Subscription(store, new SubscriptionOptions { Name = "unversioned", PollInterval = TimeSpan.FromMilliseconds(20) }, handler);
        using var cts = new CancellationTokenSource(Timeout * 2);
        var run = subscription.RunAsync(cts.Token);
        await store.AppendAsync(stream, "cart", ExpectedVersion.NoStream, [TestEvents.Note(0)]);
        Assert.True(await Until.HoldsAsync(() => handler.Seen.Count == 1, Timeout), "the first event never arrived");

        await using (var raise = store.DataSource.CreateCommand($"UPDATE {store.Schema}.subscriptions SET version = 7 WHERE name = 'unversioned'"))
            Assert.Equal(1, await raise.ExecuteNonQueryAsync());
        for (var i = 1; i < 5; i++)
            await store.AppendAsync(stream, "cart", ExpectedVersion.Exactly(i), [TestEvents.Note(i)]);
        var handled = await Until.HoldsAsync(() => handler.Seen.Count >= 5, Timeout);
        var saved = await Until.HoldsAsync(async () => await StoredPositionAsync(store) == handler.Seen[^1].Position, Timeout);
        var running = !run.IsCompleted;
        await cts.CancelAsync();
        await run;

        Assert.True(handled, $"only {handler.Seen.Count} of 5 events arrived after the version changed");
        Assert.True(saved, "the checkpoint did not advance past the last event");
        Assert.True(running, "the subscription ended");
        Assert.Null(subscription.SupersededBy);
        Assert.Equal(Enumerable.Range(0, 5), handler.Seen.Select(e => ((Noted)e.Data).Number));
    }

    [Fact]
    public async Task Should_refuse_a_version_below_one()
    {
        await using var store = await Stores.CreateAsync(schema);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new Subscription(store, new SubscriptionOptions { Name = "zero", Version = 0 }, new RecordingHandler()));

        Assert.Contains("Subscription 'zero': versions start at 1.", error.Message);
    }

    private static async Task<GlobalPosition> StoredPositionAsync(EventStore store)
    {
        await using var cmd = store.DataSource.CreateCommand($"SELECT tx_id, seq_id FROM {store.Schema}.subscriptions WHERE name = 'unversioned'");
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new GlobalPosition(reader.GetFieldValue<ulong>(0), reader.GetInt64(1));
    }
}
