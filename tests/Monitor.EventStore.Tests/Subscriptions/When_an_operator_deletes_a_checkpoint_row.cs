using Monitor.EventStore.Tests.Support;
using Monitor.Testing;
using Xunit;

namespace Monitor.EventStore.Tests.Subscriptions;

/// <summary>
/// Deleting a subscription's checkpoint row while it runs makes it start over from the beginning of the log:
/// it writes a new row and keeps checkpointing there, rather than handling the first batch again and again.
/// </summary>
public sealed class When_an_operator_deletes_a_checkpoint_row(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData("unversioned", null)]
    [InlineData("versioned", 3)]
    public async Task Should_start_over_and_checkpoint_again(string name, int? version)
    {
        await using var store = await Stores.CreateAsync(schema);
        var stream = Guid.NewGuid();
        var handler = new RecordingHandler(stream);
        var subscription = new Subscription(store,
            new SubscriptionOptions { Name = name, Version = version, BatchSize = 2, PollInterval = TimeSpan.FromMilliseconds(20) }, handler);
        using var cts = new CancellationTokenSource(Timeout * 3);
        var run = subscription.RunAsync(cts.Token);
        for (var i = 0; i < 3; i++)
            await store.AppendAsync(stream, "cart", i == 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exactly(i), [TestEvents.Note(i)]);
        Assert.True(await Until.HoldsAsync(() => handler.Seen.Count == 3, Timeout), "the first events never arrived");
        var last = handler.Seen[^1].Position;
        Assert.True(await Until.HoldsAsync(async () => await StoredAsync(store, name) is { } row && row.Position == last, Timeout),
            "the checkpoint never reached the last event");

        await using (var delete = store.DataSource.CreateCommand($"DELETE FROM {store.Schema}.subscriptions WHERE name = $1"))
        {
            delete.Parameters.AddWithValue(name);
            Assert.Equal(1, await delete.ExecuteNonQueryAsync());
        }
        await store.AppendAsync(stream, "cart", ExpectedVersion.Exactly(3), [TestEvents.Note(3)]);
        // this stream's event: the other case's stream in the same schema has a Noted 3 too
        var head = (await Stores.ReadAllEventuallyAsync(store, all => all.Any(e => e.StreamId == stream && e.Data is Noted { Number: 3 })))
            .Single(e => e.StreamId == stream && e.Data is Noted { Number: 3 }).Position;
        var startedOver = await Until.HoldsAsync(() => handler.Seen.Count >= 7, Timeout);
        var recreated = await Until.HoldsAsync(async () => await StoredAsync(store, name) is { } row && row.Position == head, Timeout);
        var stored = await StoredAsync(store, name);
        var running = !run.IsCompleted;
        await cts.CancelAsync();
        await run;

        Assert.True(startedOver, $"only {handler.Seen.Count - 3} events handled after the row was deleted");
        Assert.True(recreated, $"the checkpoint row is {(stored is null ? "still missing" : $"at {stored.Value.Position}, not at the head {head}")}");
        Assert.True(running, "the subscription ended");
        Assert.Equal(version ?? 1, stored!.Value.Version);
        // Started over: the four events once more, each once (a loop over the first batch would repeat it many times).
        Assert.Equal([0, 1, 2, 0, 1, 2, 3], handler.Seen.Select(e => ((Noted)e.Data).Number));
    }

    private static async Task<(GlobalPosition Position, int Version)?> StoredAsync(EventStore store, string name)
    {
        await using var cmd = store.DataSource.CreateCommand($"SELECT tx_id, seq_id, version FROM {store.Schema}.subscriptions WHERE name = $1");
        cmd.Parameters.AddWithValue(name);
        await using var reader = await cmd.ExecuteReaderAsync();
        if (!await reader.ReadAsync()) return null;
        return (new GlobalPosition(reader.GetFieldValue<ulong>(0), reader.GetInt64(1)), reader.GetInt32(2));
    }
}
