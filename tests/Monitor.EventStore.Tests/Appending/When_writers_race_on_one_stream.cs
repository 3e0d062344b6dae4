using Monitor.EventStore.Tests.Support;
using Monitor.Testing;
using Xunit;

namespace Monitor.EventStore.Tests.Appending;

public sealed class When_writers_race_on_one_stream(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    private const int Writers = 8;
    private const int Rounds = 12;

    [Fact]
    public async Task Should_let_exactly_one_writer_win_each_version_and_leave_no_sequence_gap()
    {
        await using var store = await Stores.CreateAsync(schema);
        var stream = Guid.NewGuid();
        var winners = new int[Rounds];
        var conflicts = new int[Rounds];

        for (var round = 0; round < Rounds; round++)
        {
            // every writer expects the same version and fires at once; round 0 races to create the stream
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var expected = ExpectedVersion.Exactly(round);
            var r = round;
            var attempts = Enumerable.Range(0, Writers).Select(async w =>
            {
                await gate.Task;
                try
                {
                    await store.AppendAsync(stream, "race", expected, [new EventData(Guid.NewGuid(), new Noted(r * 100 + w))]);
                    Interlocked.Increment(ref winners[r]);
                }
                catch (ConcurrencyException e) when (e.ActualVersion == r + 1)
                {
                    Interlocked.Increment(ref conflicts[r]);
                }
            }).ToArray();
            gate.SetResult();
            await Task.WhenAll(attempts).WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.All(winners, w => Assert.Equal(1, w));
        Assert.All(conflicts, c => Assert.Equal(Writers - 1, c));
        var events = await store.ReadStreamAsync(stream);
        Assert.Equal(Enumerable.Range(1, Rounds).Select(v => (long)v), events.Select(e => e.Version));

        // losers took no sequence numbers: the sequence's last value is exactly the stored count
        await using var cmd = store.DataSource.CreateCommand($"SELECT count(*), min(seq_id), max(seq_id), (SELECT last_value FROM {store.Schema}.mt_events_sequence) FROM {store.Schema}.mt_events");
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (count, min, max, last) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        Assert.Equal(Rounds, count);
        Assert.Equal(count, max - min + 1);
        Assert.Equal(max, last);
    }

    [Fact]
    public async Task Should_give_writers_expecting_any_version_distinct_consecutive_versions()
    {
        await using var store = await Stores.CreateAsync(schema);
        var stream = Guid.NewGuid();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Any on a missing, then existing stream: the create-or-lock path must serialise them too
        var writers = Enumerable.Range(0, Writers).Select(async w =>
        {
            await gate.Task;
            for (var i = 0; i < 5; i++)
                await store.AppendAsync(stream, "race", ExpectedVersion.Any, [TestEvents.Note(w * 10 + i), TestEvents.Note(w * 10 + i)]);
        }).ToArray();
        gate.SetResult();
        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(60));

        var events = await store.ReadStreamAsync(stream);
        Assert.Equal(Enumerable.Range(1, Writers * 10).Select(v => (long)v), events.Select(e => e.Version));
        Assert.Equal(Writers * 10, (await store.FetchStreamStateAsync(stream))!.Version);
        // each append's two events stayed next to each other
        Assert.All(events.Chunk(2), pair => Assert.Equal(((Noted)pair[0].Data).Number, ((Noted)pair[1].Data).Number));
    }

    [Fact]
    public async Task Should_serialise_batches_over_the_same_streams_without_deadlock()
    {
        // no retries: a deadlock (40P01) would surface instead of being retried away
        await using var store = new EventStore(schema.DataSource,
            new EventStoreOptions { ConnectionString = schema.ConnectionString, Schema = schema.Name, MaxRetryAttempts = 0 }, TestEvents.Registry());
        await store.EnsureSchemaAsync();
        var streams = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToArray();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // each writer names the streams in its own order; the store locks them in one order
        var writers = Enumerable.Range(0, Writers).Select(async w =>
        {
            await gate.Task;
            for (var i = 0; i < 5; i++)
            {
                var order = streams.OrderBy(s => HashCode.Combine(s, w, i)).ToArray();
                var outcomes = await store.AppendBatchAsync(order.Select(s => new StreamAppend(s, "race", ExpectedVersion.Any, [TestEvents.Note(w)])).ToArray());
                Assert.All(outcomes, o => Assert.Equal(AppendStatus.Appended, o.Status));
            }
        }).ToArray();
        gate.SetResult();
        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(60));

        foreach (var stream in streams)
            Assert.Equal(Enumerable.Range(1, Writers * 5).Select(v => (long)v), (await store.ReadStreamAsync(stream)).Select(e => e.Version));
    }
}
