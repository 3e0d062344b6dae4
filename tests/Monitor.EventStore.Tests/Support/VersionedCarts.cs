using Monitor.Testing;

namespace Monitor.EventStore.Tests.Support;

/// <summary>Carts with additions and removals, and what tests of projection versions look at in the store.</summary>
public static class VersionedCarts
{
    private static readonly string[] Items = ["tyre", "seat", "mirror"];

    /// <summary>Appends <paramref name="rounds"/> rounds to fresh carts; every fourth round removes an item.</summary>
    public static async Task<Guid[]> AppendAsync(EventStore store, int carts, int rounds)
    {
        var ids = Enumerable.Range(0, carts).Select(_ => Guid.NewGuid()).ToArray();
        for (var round = 0; round < rounds; round++)
            await store.AppendBatchAsync(ids.Select((c, i) => new StreamAppend(c, "cart", ExpectedVersion.Any,
                round % 4 == 3
                    ? [new EventData(Guid.NewGuid(), new ItemRemoved(Items[(round + i) % 3]))]
                    : [TestEvents.Added(Items[(round + i) % 3], round + 1)])).ToArray());
        return ids;
    }

    /// <summary>Whether, within <paramref name="timeout"/>, every cart's document equals the fold of its stream.</summary>
    public static Task<bool> ReadModelEqualsAsync(EventStore store, VersionedCartProjection projection, IEnumerable<Guid> carts, StreamFold<Cart> fold, TimeSpan timeout) =>
        Until.HoldsAsync(async () =>
        {
            foreach (var cart in carts)
            {
                var expected = (await store.AggregateStreamAsync(cart, fold))!.Items;
                var document = await projection.LoadAsync(store.DataSource, cart);
                if (document is null || !document.Items.OrderBy(i => i.Key).SequenceEqual(expected.OrderBy(i => i.Key))) return false;
            }
            return true;
        }, timeout);

    /// <summary>The projection's checkpoint row: position and the version stored beside it; null when there is none.</summary>
    public static async Task<(GlobalPosition Position, int Version)?> CheckpointAsync(EventStore store, string name)
    {
        await using var cmd = store.DataSource.CreateCommand($"SELECT tx_id, seq_id, version FROM {store.Schema}.subscriptions WHERE name = $1");
        cmd.Parameters.AddWithValue(name);
        await using var reader = await cmd.ExecuteReaderAsync();
        if (!await reader.ReadAsync()) return null;
        return (new GlobalPosition(reader.GetFieldValue<ulong>(0), reader.GetInt64(1)), reader.GetInt32(2));
    }

    public static async Task<long> DocumentCountAsync(EventStore store, VersionedCartProjection projection)
    {
        await using var cmd = store.DataSource.CreateCommand($"SELECT count(*) FROM {projection.Table}");
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>Runs the projection's subscription until <paramref name="done"/> holds (or the timeout), then stops it.</summary>
    public static async Task<bool> RunUntilAsync(Subscription subscription, Func<Task<bool>> done, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout + TimeSpan.FromSeconds(10));
        var run = subscription.RunAsync(cts.Token);
        var held = await Until.HoldsAsync(done, timeout);
        await cts.CancelAsync();
        await run;
        return held;
    }
}
