using System.Collections.Concurrent;
using Monitor.EventStore.Tests.Support;
using Monitor.Testing;
using Npgsql;
using Xunit;

namespace Monitor.EventStore.Tests.Subscriptions;

public sealed class When_a_subscribers_connection_is_dropped_mid_batch(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    private static readonly TimeSpan Timeout = KilledSubscriber.Timeout;

    [Fact]
    public async Task Should_handle_every_event_after_its_connection_is_dropped_and_match_a_full_rebuild()
    {
        await using var store = await Stores.CreateAsync(schema);
        var projection = new CountingProjection(store.Schema, "dropped");
        var expected = await KilledSubscriber.AppendEventsAsync(store);
        var handled = new ConcurrentDictionary<Guid, int>();
        var batches = 0; // the handler runs one batch at a time
        var kills = 0;
        projection.AfterWrite = async (batch, context, ct) =>
        {
            foreach (var e in batch) handled.AddOrUpdate(e.Id, 1, (_, n) => n + 1);
            // the read model is written but the checkpoint is not: drop the session right here, twice
            if (++batches % 3 != 2 || kills == 2) return;
            kills++;
            await KilledSubscriber.TerminateAsync(store.DataSource, context.Connection.ProcessID);
        };

        var subscription = await store.StartProjectionAsync(projection);
        using var cts = new CancellationTokenSource(Timeout);
        var run = subscription.RunAsync(cts.Token);
        var done = await Until.HoldsAsync(async () => await projection.TotalAsync(store.DataSource) >= expected.Count, Timeout);
        await cts.CancelAsync();
        await run;

        Assert.True(done, "the projection did not catch up after its connection was dropped");
        Assert.Equal(2, kills);
        Assert.All(expected, id => Assert.True(handled.ContainsKey(id), $"event {id} was never handled"));
        Assert.Contains(handled.Values, n => n > 1); // the killed batches were handled again
        await KilledSubscriber.AssertEqualsFullRebuildAsync(store, projection);
    }
}

public sealed class When_a_subscribers_process_ends_mid_batch(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    private static readonly TimeSpan Timeout = KilledSubscriber.Timeout;

    [Fact]
    public async Task Should_resume_in_a_new_instance_after_the_old_one_ended_mid_batch()
    {
        await using var store = await Stores.CreateAsync(schema);
        var projection = new CountingProjection(store.Schema, "ended");
        var expected = await KilledSubscriber.AppendEventsAsync(store);
        var inBatch = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var batches = 0;
        // the first instance writes part of its third batch, then its process "ends": the work is abandoned
        projection.AfterWrite = async (_, _, ct) =>
        {
            if (Interlocked.Increment(ref batches) != 3) return;
            inBatch.TrySetResult();
            await Task.Delay(Timeout, ct);
        };
        var first = await store.StartProjectionAsync(projection);
        using (var cts = new CancellationTokenSource(Timeout))
        {
            var run = first.RunAsync(cts.Token);
            await inBatch.Task.WaitAsync(Timeout);
            await cts.CancelAsync();
            await run;
        }
        var afterFirst = await projection.TotalAsync(store.DataSource);

        projection.AfterWrite = null;
        var second = await store.StartProjectionAsync(projection);
        using (var cts = new CancellationTokenSource(Timeout))
        {
            var run = second.RunAsync(cts.Token);
            var done = await Until.HoldsAsync(async () => await projection.TotalAsync(store.DataSource) >= expected.Count, Timeout);
            await cts.CancelAsync();
            await run;
            Assert.True(done, "the second instance did not catch up");
        }

        Assert.Equal(2 * projection.BatchSize, afterFirst); // the abandoned third batch left nothing behind
        Assert.Equal(expected.Count, await projection.TotalAsync(store.DataSource));
        await KilledSubscriber.AssertEqualsFullRebuildAsync(store, projection);
    }
}

internal static class KilledSubscriber
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    public const int Streams = 10;
    public const int EventsPerStream = 30;

    public static async Task AssertEqualsFullRebuildAsync(EventStore store, CountingProjection projection)
    {
        var live = await projection.SnapshotAsync(store.DataSource);
        using var cts = new CancellationTokenSource(Timeout);
        await new ProjectionRebuilder(store).RebuildAsync(projection, null, cts.Token);
        var rebuilt = await projection.SnapshotAsync(store.DataSource);
        Assert.Equal(rebuilt.OrderBy(r => r.Key), live.OrderBy(r => r.Key));
        Assert.All(rebuilt.Values, r => Assert.Equal((EventsPerStream, EventsPerStream), r));
        Assert.Equal(Streams, rebuilt.Count);
    }

    public static async Task<List<Guid>> AppendEventsAsync(EventStore store)
    {
        var ids = new List<Guid>();
        var streams = Enumerable.Range(0, Streams).Select(_ => Guid.NewGuid()).ToArray();
        for (var round = 0; round < EventsPerStream / 5; round++)
        {
            var appends = streams.Select(s => new StreamAppend(s, "cart", ExpectedVersion.Exactly(round * 5),
                Enumerable.Range(0, 5).Select(i => TestEvents.Note(round * 5 + i)).ToArray())).ToArray();
            await store.AppendBatchAsync(appends);
            ids.AddRange(appends.SelectMany(a => a.Events.Select(e => e.Id)));
        }
        return ids;
    }

    public static async Task TerminateAsync(NpgsqlDataSource dataSource, int processId)
    {
        await using var cmd = dataSource.CreateCommand("SELECT pg_terminate_backend($1)");
        cmd.Parameters.AddWithValue(processId);
        await cmd.ExecuteNonQueryAsync();
    }
}
