using System.Text.Json;
using System.Text.Json.Nodes;
using Monitor.EventStore.Tests.Support;
using Monitor.Testing;
using Xunit;

namespace Monitor.EventStore.Tests.Subscriptions;

public sealed class When_a_subscription_asks_for_raw_data(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private sealed record ItemAddedV1(string Title);

    [Fact]
    public async Task Should_deliver_the_stored_json_of_each_event_in_order()
    {
        await using var store = await Stores.CreateAsync(schema);
        var stream = Guid.NewGuid();
        await store.AppendAsync(stream, "cart", ExpectedVersion.NoStream, [TestEvents.Added("轮胎 \"tyre\"", 2), new EventData(Guid.NewGuid(), new ItemRemoved("tyre"))]);

        var seen = await RunUntilAsync(store, "raw-in-order", stream, count: 2);

        Assert.Equal(["item-added", "item-removed"], seen.Select(e => e.Type));
        var added = JsonSerializer.Deserialize<ItemAdded>(Assert.IsType<EventJson>(seen[0].Data).Json, store.Registry.JsonOptions);
        Assert.Equal(new ItemAdded("轮胎 \"tyre\"", 2), added);
        var removed = JsonSerializer.Deserialize<ItemRemoved>(Assert.IsType<EventJson>(seen[1].Data).Json, store.Registry.JsonOptions);
        Assert.Equal(new ItemRemoved("tyre"), removed);
    }

    [Fact]
    public async Task Should_upcast_an_old_shape_into_the_current_json_and_name()
    {
        var stream = Guid.NewGuid();
        await using (var oldWriter = await Stores.CreateAsync(schema, new EventTypeRegistry().Register<ItemAddedV1>("item-added-v1")))
            await oldWriter.AppendAsync(stream, "cart", ExpectedVersion.NoStream, [new EventData(Guid.NewGuid(), new ItemAddedV1("tyre"))]);
        var registry = TestEvents.Registry().Upcast("item-added-v1",
            old => new JsonObject { ["name"] = old["title"]?.GetValue<string>(), ["quantity"] = 1 }, toName: "item-added");
        await using var store = await Stores.CreateAsync(schema, registry);

        var stored = Assert.Single(await RunUntilAsync(store, "raw-upcast", stream, count: 1));

        Assert.Equal("item-added", stored.Type);
        Assert.Equal(new ItemAdded("tyre", 1), JsonSerializer.Deserialize<ItemAdded>(Assert.IsType<EventJson>(stored.Data).Json, registry.JsonOptions));
    }

    private static async Task<IReadOnlyList<StoredEvent>> RunUntilAsync(EventStore store, string name, Guid stream, int count)
    {
        var handler = new RecordingHandler(stream);
        var subscription = new Subscription(store, new SubscriptionOptions { Name = name, RawData = true }, handler);
        using var cts = new CancellationTokenSource(Timeout);
        var run = subscription.RunAsync(cts.Token);
        var arrived = await Until.HoldsAsync(() => handler.Seen.Count >= count, Timeout);
        await cts.CancelAsync();
        await run;
        Assert.True(arrived, $"only {handler.Seen.Count} of {count} events arrived");
        return handler.Seen;
    }
}
