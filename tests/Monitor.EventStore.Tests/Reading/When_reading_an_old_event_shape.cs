using System.Text.Json.Nodes;
using Monitor.EventStore.Tests.Support;
using Monitor.Testing;
using Xunit;

namespace Monitor.EventStore.Tests.Reading;

public sealed class When_reading_an_old_event_shape(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    private sealed record ItemAddedV1(string Title);

    private sealed record RenamedItemRemoved(string Name);

    [Fact]
    public async Task Should_upcast_it_into_the_current_type_and_name()
    {
        var stream = Guid.NewGuid();
        await using (var oldWriter = await Stores.CreateAsync(schema, new EventTypeRegistry().Register<ItemAddedV1>("item-added-v1")))
            await oldWriter.AppendAsync(stream, "cart", ExpectedVersion.NoStream, [new EventData(Guid.NewGuid(), new ItemAddedV1("tyre"))]);

        var registry = TestEvents.Registry().Upcast("item-added-v1",
            old => new JsonObject { ["name"] = old["title"]?.GetValue<string>(), ["quantity"] = 1 }, toName: "item-added");
        await using var store = await Stores.CreateAsync(schema, registry);
        var events = await store.ReadStreamAsync(stream);

        Assert.Equal(new ItemAdded("tyre", 1), Assert.Single(events).Data);
        Assert.Equal("item-added", events[0].Type);
    }

    [Fact]
    public async Task Should_read_events_of_a_renamed_type_through_its_stable_name()
    {
        var stream = Guid.NewGuid();
        await using (var writer = await Stores.CreateAsync(schema))
            await writer.AppendAsync(stream, "cart", ExpectedVersion.NoStream, [new EventData(Guid.NewGuid(), new ItemRemoved("a"))]);

        await using var reader = await Stores.CreateAsync(schema, new EventTypeRegistry().Register<RenamedItemRemoved>("item-removed"));

        Assert.Equal(new RenamedItemRemoved("a"), Assert.Single(await reader.ReadStreamAsync(stream)).Data);
    }

    [Fact]
    public void Should_refuse_one_name_for_two_types()
    {
        var registry = TestEvents.Registry();

        var error = Assert.Throws<ArgumentException>(() => registry.Register<ItemAddedV1>("item-added"));

        Assert.Contains("already registered", error.Message);
    }
}
