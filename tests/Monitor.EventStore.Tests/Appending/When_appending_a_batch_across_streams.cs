using Monitor.EventStore.Tests.Support;
using Monitor.Testing;
using Xunit;

namespace Monitor.EventStore.Tests.Appending;

public sealed class When_appending_a_batch_across_streams(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    [Fact]
    public async Task Should_report_each_streams_outcome_in_caller_order()
    {
        await using var store = await Stores.CreateAsync(schema);
        var fresh = Guid.NewGuid();
        var existing = Guid.NewGuid();
        var conflicting = Guid.NewGuid();
        var duplicate = TestEvents.Added("dup");
        await store.AppendAsync(existing, "cart", ExpectedVersion.NoStream, [duplicate]);
        await store.AppendAsync(conflicting, "cart", ExpectedVersion.NoStream, [TestEvents.Added("c1"), TestEvents.Added("c2")]);

        var outcomes = await store.AppendBatchAsync(
        [
            new StreamAppend(conflicting, "cart", ExpectedVersion.Exactly(1), [TestEvents.Added("lost")]),
            new StreamAppend(fresh, "cart", ExpectedVersion.NoStream, [TestEvents.Added("x"), TestEvents.Added("y")]),
            new StreamAppend(existing, "cart", ExpectedVersion.NoStream, [duplicate]),
        ]);

        Assert.Equal(
            [(conflicting, AppendStatus.Conflict, 2L), (fresh, AppendStatus.Appended, 2L), (existing, AppendStatus.Duplicate, 1L)],
            outcomes.Select(o => (o.StreamId, o.Status, o.Version)));
        Assert.Equal(2, (await store.ReadStreamAsync(fresh)).Count);
        Assert.Equal(2, (await store.ReadStreamAsync(conflicting)).Count);
    }

    [Fact]
    public async Task Should_reject_a_batch_naming_one_stream_twice()
    {
        await using var store = await Stores.CreateAsync(schema);
        var stream = Guid.NewGuid();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.AppendBatchAsync(
        [
            new StreamAppend(stream, "cart", ExpectedVersion.Any, [TestEvents.Added("a")]),
            new StreamAppend(stream, "cart", ExpectedVersion.Any, [TestEvents.Added("b")]),
        ]));

        Assert.Contains("appears twice in one batch", error.Message);
        Assert.Null(await store.FetchStreamStateAsync(stream));
    }

    [Fact]
    public async Task Should_fetch_the_states_of_many_streams()
    {
        await using var store = await Stores.CreateAsync(schema);
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        await store.AppendBatchAsync(
        [
            new StreamAppend(a, "cart", ExpectedVersion.NoStream, [TestEvents.Added("a")]),
            new StreamAppend(b, "order", ExpectedVersion.NoStream, [TestEvents.Added("b"), TestEvents.Added("c")]),
        ]);

        var states = await store.FetchStreamStatesAsync([a, b, Guid.NewGuid()]);

        Assert.Equal(2, states.Count);
        Assert.Equal(("cart", 1L), (states[a].Type, states[a].Version));
        Assert.Equal(("order", 2L), (states[b].Type, states[b].Version));
    }
}
