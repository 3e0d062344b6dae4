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
    /// Reads the whole global log until <paramref name="complete"/> holds for it (or 20 s pass), moving Marten's high
    /// water mark before each read as a process without a daemon does (the CLI).
    /// </summary>
    public static async Task<IReadOnlyList<StoredEvent>> ReadAllEventuallyAsync(
        EventStore store, Func<IReadOnlyList<StoredEvent>, bool> complete, bool includeArchived = false, IReadOnlyCollection<string>? eventTypes = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            await store.AdvanceHighWaterMarkAsync();
            var all = await store.ReadAllAsync(GlobalPosition.Start, 100_000, includeArchived, eventTypes);
            if (complete(all) || DateTime.UtcNow > deadline) return all;
            await Task.Delay(25);
        }
    }

    /// <summary>How many events are stored, and the last number the event sequence handed out.</summary>
    public static async Task<(long Count, long LastSequence)> CountAsync(EventStore store)
    {
        await using var cmd = store.DataSource.CreateCommand(
            $"SELECT (SELECT count(*) FROM {store.Schema}.mt_events), (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM {store.Schema}.mt_events_sequence)");
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
