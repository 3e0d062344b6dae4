using Monitor.EventStore.Tests.Support;
using Monitor.Testing;
using Xunit;

namespace Monitor.EventStore.Tests.Reading;

public sealed class When_reading_many_streams_at_once(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    [Fact]
    public async Task Should_return_each_streams_events_in_version_order_and_an_empty_list_for_a_missing_stream()
    {
        await using var store = await Stores.CreateAsync(schema);
        var (first, second, missing, other) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await store.AppendAsync(first, "cart", ExpectedVersion.NoStream, [TestEvents.Note(1), TestEvents.Note(2)]);
        await store.AppendAsync(second, "cart", ExpectedVersion.NoStream, [TestEvents.Note(10)]);
        await store.AppendAsync(first, "cart", ExpectedVersion.Exactly(2), [TestEvents.Note(3)]);
        await store.AppendAsync(other, "cart", ExpectedVersion.NoStream, [TestEvents.Note(99)]);

        var streams = await store.ReadStreamsAsync([first, second, missing, first]);

        Assert.Equal(3, streams.Count);
        Assert.Equal([1, 2, 3], streams[first].Select(e => ((Noted)e.Data).Number));
        Assert.Equal([1L, 2L, 3L], streams[first].Select(e => e.Version));
        Assert.Equal([10], streams[second].Select(e => ((Noted)e.Data).Number));
        Assert.Empty(streams[missing]);
        Assert.False(streams.ContainsKey(other));
    }

    [Fact]
    public async Task Should_read_nothing_for_no_streams()
    {
        await using var store = await Stores.CreateAsync(schema);

        Assert.Empty(await store.ReadStreamsAsync([]));
    }
}
