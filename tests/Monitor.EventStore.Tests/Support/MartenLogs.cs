using Monitor.Testing;

namespace Monitor.EventStore.Tests.Support;

public static class MartenLogs
{
    /// <summary>A Marten-backed log in the test class's fresh schema, with Marten's tables created.</summary>
    public static async Task<MartenEventLog> CreateAsync(PostgresSchema schema, EventTypeRegistry? registry = null)
    {
        var log = new MartenEventLog(schema.DataSource, new EventStoreOptions { ConnectionString = schema.ConnectionString, Schema = schema.Name }, registry ?? TestEvents.Registry());
        await log.EnsureSchemaAsync();
        return log;
    }

    /// <summary>How many events are stored, and the last number the event sequence handed out.</summary>
    public static async Task<(long Count, long LastSequence)> CountAsync(MartenEventLog log)
    {
        await using var cmd = log.DataSource.CreateCommand(
            $"SELECT (SELECT count(*) FROM {log.Schema}.mt_events), (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM {log.Schema}.mt_events_sequence)");
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
