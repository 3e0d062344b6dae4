using Monitor.EventStore.Tests.Support;
using Monitor.Testing;
using Xunit;

namespace Monitor.EventStore.Tests.Appending;

public sealed class When_appending_to_a_stream(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    [Fact]
    public async Task Should_store_events_in_order_with_increasing_versions()
    {
        await using var store = await Stores.CreateAsync(schema);
        var stream = Guid.NewGuid();

        var first = await store.AppendAsync(stream, "cart", ExpectedVersion.NoStream, [TestEvents.Added("a"), TestEvents.Added("b", 2)]);
        var second = await store.AppendAsync(stream, "cart", ExpectedVersion.Exactly(2), [new EventData(Guid.NewGuid(), new ItemRemoved("a"), new Dictionary<string, string> { ["causation"] = "x" })]);

        Assert.Equal(2, first.Version);
        Assert.Equal(3, second.Version);
        Assert.False(second.WasDuplicate);
        var events = await store.ReadStreamAsync(stream);
        Assert.Equal([1L, 2L, 3L], events.Select(e => e.Version));
        Assert.Equal(new ItemAdded("b", 2), events[1].Data);
        Assert.Equal("item-removed", events[2].Type);
        Assert.Equal("x", events[2].Headers["causation"]);
        Assert.Empty(events[0].Headers);
        Assert.Equal([3L], (await store.ReadStreamAsync(stream, fromVersion: 3)).Select(e => e.Version));

        var state = await store.FetchStreamStateAsync(stream);
        Assert.NotNull(state);
        Assert.Equal(("cart", 3L, false), (state.Type, state.Version, state.Archived));
    }

    [Fact]
    public async Task Should_refuse_a_wrong_expected_version_without_burning_sequence_numbers()
    {
        await using var store = await Stores.CreateAsync(schema);
        var stream = Guid.NewGuid();
        await store.AppendAsync(stream, "cart", ExpectedVersion.Any, [TestEvents.Added("a")]);
        var seqBefore = await LastSequenceValue(store);

        var conflict = await Assert.ThrowsAsync<ConcurrencyException>(() =>
            store.AppendAsync(stream, "cart", ExpectedVersion.Exactly(5), [TestEvents.Added("b")]));
        var noStream = await Assert.ThrowsAsync<ConcurrencyException>(() =>
            store.AppendAsync(stream, "cart", ExpectedVersion.NoStream, [TestEvents.Added("c")]));
        var missing = await Assert.ThrowsAsync<ConcurrencyException>(() =>
            store.AppendAsync(Guid.NewGuid(), "cart", ExpectedVersion.Exactly(1), [TestEvents.Added("d")]));

        Assert.Equal((stream, 1L), (conflict.StreamId, conflict.ActualVersion!.Value));
        Assert.Equal(ExpectedVersion.Exactly(5), conflict.Expected);
        Assert.Equal(1L, noStream.ActualVersion);
        Assert.Null(missing.ActualVersion);
        Assert.Equal(seqBefore, await LastSequenceValue(store));
        Assert.Single(await store.ReadStreamAsync(stream));
    }

    [Fact]
    public async Task Should_treat_a_re_append_of_stored_event_ids_as_a_duplicate_success()
    {
        await using var store = await Stores.CreateAsync(schema);
        var stream = Guid.NewGuid();
        EventData[] events = [TestEvents.Added("a"), TestEvents.Added("b")];
        await store.AppendAsync(stream, "cart", ExpectedVersion.NoStream, events);
        await store.AppendAsync(stream, "cart", ExpectedVersion.Exactly(2), [TestEvents.Added("c")]);

        // a redelivered message repeats the append with its original expected version
        var again = await store.AppendAsync(stream, "cart", ExpectedVersion.NoStream, events);

        Assert.True(again.WasDuplicate);
        Assert.Equal(2, again.Version);
        Assert.Equal(3, (await store.ReadStreamAsync(stream)).Count);
    }

    [Fact]
    public async Task Should_reject_a_partial_re_append_with_a_clear_error()
    {
        await using var store = await Stores.CreateAsync(schema);
        var stream = Guid.NewGuid();
        var stored = TestEvents.Added("a");
        await store.AppendAsync(stream, "cart", ExpectedVersion.NoStream, [stored]);

        var error = await Assert.ThrowsAsync<EventStoreException>(() =>
            store.AppendAsync(stream, "cart", ExpectedVersion.Any, [stored, TestEvents.Added("b")]));

        Assert.Contains("1 of its 2 event ids are already stored", error.Message);
        Assert.Single(await store.ReadStreamAsync(stream));
    }

    [Fact]
    public async Task Should_reject_unregistered_event_types_and_empty_appends()
    {
        await using var store = await Stores.CreateAsync(schema);

        var unregistered = await Assert.ThrowsAsync<EventStoreException>(() =>
            store.AppendAsync(Guid.NewGuid(), "cart", ExpectedVersion.Any, [new EventData(Guid.NewGuid(), new Uri("http://x"))]));
        var empty = await Assert.ThrowsAsync<ArgumentException>(() =>
            store.AppendAsync(Guid.NewGuid(), "cart", ExpectedVersion.Any, []));

        Assert.Contains("System.Uri is not registered", unregistered.Message);
        Assert.Contains("has no events", empty.Message);
    }

    [Fact]
    public async Task Should_fold_a_stream_into_state()
    {
        await using var store = await Stores.CreateAsync(schema);
        var stream = Guid.NewGuid();
        await store.AppendAsync(stream, "cart", ExpectedVersion.NoStream,
            [TestEvents.Added("a", 2), TestEvents.Added("b", 3), new EventData(Guid.NewGuid(), new ItemRemoved("a")), TestEvents.Note(1)]);
        var fold = new StreamFold<Dictionary<string, int>>(() => new())
            .When<ItemAdded>((cart, e) => { cart[e.Name] = cart.GetValueOrDefault(e.Name) + e.Quantity; return cart; })
            .When<ItemRemoved>((cart, e) => { cart.Remove(e.Name); return cart; });

        var cart = await store.AggregateStreamAsync(stream, fold);
        var none = await store.AggregateStreamAsync(Guid.NewGuid(), fold);

        Assert.Equal(new Dictionary<string, int> { ["b"] = 3 }, cart);
        Assert.Null(none);
    }

    private static async Task<long> LastSequenceValue(EventStore store)
    {
        await using var cmd = store.DataSource.CreateCommand($"SELECT last_value FROM {store.Schema}.mt_events_sequence");
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
