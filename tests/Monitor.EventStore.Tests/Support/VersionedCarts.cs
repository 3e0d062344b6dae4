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

    /// <summary>The progress Marten holds for the projection's version; null when there is none.</summary>
    public static async Task<long?> ProgressAsync(EventStore store, Projection projection)
    {
        await using var cmd = store.DataSource.CreateCommand($"SELECT last_seq_id FROM {store.Schema}.mt_event_progression WHERE name = $1");
        cmd.Parameters.AddWithValue(ProjectionRebuilder.ShardOf(projection));
        return await cmd.ExecuteScalarAsync() as long?;
    }

    public static async Task<long> DocumentCountAsync(EventStore store, VersionedCartProjection projection)
    {
        await using var cmd = store.DataSource.CreateCommand($"SELECT count(*) FROM {projection.Table}");
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>Runs the projection under a daemon until <paramref name="done"/> holds (or the timeout), then stops it.</summary>
    public static async Task<bool> RunUntilAsync(EventStore store, Projection projection, Func<Task<bool>> done, TimeSpan timeout)
    {
        await using var daemon = await RunningDaemon.StartAsync(store, projection);
        return await Until.HoldsAsync(done, timeout);
    }
}
