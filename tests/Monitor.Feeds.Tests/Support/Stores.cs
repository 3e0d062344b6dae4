using Monitor.EventStore;
using Monitor.Feeds.Sdk.Journal;
using Monitor.Hosting.Storage;
using Monitor.Testing;

namespace Monitor.Feeds.Tests.Support;

public static class Stores
{
    /// <summary>An event store in the test class's fresh schema, knowing the pipeline's and the feeds' events.</summary>
    public static async Task<EventStore.EventStore> CreateAsync(PostgresSchema schema)
    {
        var store = new EventStore.EventStore(schema.DataSource,
            new EventStoreOptions { ConnectionString = schema.ConnectionString, Schema = schema.Name },
            FeedEventTypes.Register(MonitorEventTypes.CreateRegistry()));
        await store.EnsureSchemaAsync();
        return store;
    }
}
