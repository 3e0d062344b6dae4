using Monitor.EventStore.Tests.Support;
using Monitor.Testing;
using Xunit;

namespace Monitor.EventStore.Tests.Reading;

public sealed class When_reading_the_global_log(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    [Fact]
    public async Task Should_page_through_every_event_in_commit_order()
    {
        await using var store = await Stores.CreateAsync(schema);
        var streams = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToArray();
        for (var i = 0; i < 20; i++)
            await store.AppendAsync(streams[i % 5], "cart", ExpectedVersion.Any, [TestEvents.Note(i)]);

        var read = new List<StoredEvent>();
        var position = GlobalPosition.Start;
        // an empty page means "nothing up to the high water mark yet", not the end
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (read.Count(e => streams.Contains(e.StreamId)) < 20 && DateTime.UtcNow < deadline)
        {
            await store.AdvanceHighWaterMarkAsync();
            var batch = await store.ReadAllAsync(position, 7);
            if (batch.Count == 0) { await Task.Delay(20); continue; }
            read.AddRange(batch);
            position = batch[^1].Position;
        }

        var ours = read.Where(e => streams.Contains(e.StreamId)).ToList();
        Assert.Equal(Enumerable.Range(0, 20), ours.Select(e => ((Noted)e.Data).Number));
        Assert.Equal(read.Select(e => e.Position).Order(), read.Select(e => e.Position));
    }

    [Fact]
    public async Task Should_filter_by_event_type()
    {
        await using var store = await Stores.CreateAsync(schema);
        var stream = Guid.NewGuid();
        await store.AppendAsync(stream, "cart", ExpectedVersion.NoStream, [TestEvents.Note(1), TestEvents.Added("a"), TestEvents.Note(2)]);

        var added = await Stores.ReadAllEventuallyAsync(store, all => all.Any(e => e.StreamId == stream), eventTypes: ["item-added"]);

        Assert.Equal([new ItemAdded("a", 1)], added.Where(e => e.StreamId == stream).Select(e => e.Data));
    }

    [Fact]
    public async Task Should_load_every_committed_event_once_in_log_order_even_beside_an_older_open_transaction()
    {
        await using var store = await Stores.CreateAsync(schema);
        // another session's transaction, older than the appends below and still open
        await using var other = await store.DataSource.OpenConnectionAsync();
        await using var open = await other.BeginTransactionAsync();
        await using (var xid = new Npgsql.NpgsqlCommand("SELECT pg_current_xact_id()", other, open))
            await xid.ExecuteScalarAsync();
        var streams = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToArray();
        for (var i = 0; i < 1_205; i++)
            await store.AppendAsync(streams[i % 3], "cart", ExpectedVersion.Any, [TestEvents.Note(i)]);
        await store.AppendAsync(streams[0], "cart", ExpectedVersion.Any, [TestEvents.Added("a")]);

        var loaded = await store.ReadAllCommittedAsync(["noted"]);

        var ours = loaded.Where(e => streams.Contains(e.StreamId)).ToList();
        Assert.Equal(Enumerable.Range(0, 1_205), ours.Select(e => ((Noted)e.Data).Number));
        Assert.Equal(loaded.Select(e => e.Position).Order(), loaded.Select(e => e.Position));
        Assert.All(loaded, e => Assert.IsType<Noted>(e.Data));
        await open.RollbackAsync();
    }
}
