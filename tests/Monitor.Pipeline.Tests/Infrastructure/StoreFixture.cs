using Monitor.EventStore;
using Monitor.Hosting.Storage;
using Monitor.Testing;

namespace Monitor.Pipeline.Tests.Infrastructure;

/// <summary>An event store with the pipeline's event types on a fresh schema, for in-process handler tests.</summary>
public sealed class StoreFixture : IAsyncLifetime
{
    public PostgresSchema Schema { get; } = new();
    public EventStore.EventStore Store { get; private set; } = null!;
    public EventsTable Events { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Schema.InitializeAsync();
        Store = new EventStore.EventStore(Schema.DataSource,
            new EventStoreOptions { ConnectionString = Schema.ConnectionString, Schema = Schema.Name },
            MonitorEventTypes.CreateRegistry());
        await Store.EnsureSchemaAsync();
        Events = new EventsTable(Schema.DataSource, Schema.Name);
    }

    public async Task DisposeAsync()
    {
        if (Store is not null) await Store.DisposeAsync();
        await Schema.DisposeAsync();
    }
}
