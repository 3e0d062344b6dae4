using Monitor.Testing;

namespace Monitor.EventStore.Tests.Support;

public static class Stores
{
    /// <summary>A store in the test class's fresh schema, with its schema created.</summary>
    public static async Task<EventStore> CreateAsync(PostgresSchema schema, EventTypeRegistry? registry = null)
    {
        var store = new EventStore(schema.DataSource, new EventStoreOptions { ConnectionString = schema.ConnectionString, Schema = schema.Name }, registry ?? TestEvents.Registry());
        await store.EnsureSchemaAsync();
        return store;
    }

    /// <summary>
    /// Reads the whole global log until <paramref name="complete"/> holds for it (or 20 s pass). The
    /// cluster is shared: another session's open transaction can hold the readable horizon back a while.
    /// </summary>
    public static async Task<IReadOnlyList<StoredEvent>> ReadAllEventuallyAsync(
        EventStore store, Func<IReadOnlyList<StoredEvent>, bool> complete, bool includeArchived = false, IReadOnlyCollection<string>? eventTypes = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var all = await store.ReadAllAsync(GlobalPosition.Start, 100_000, includeArchived, eventTypes);
            if (complete(all) || DateTime.UtcNow > deadline) return all;
            await Task.Delay(25);
        }
    }
}
