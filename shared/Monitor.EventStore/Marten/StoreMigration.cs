using System.Runtime.CompilerServices;
using JasperFx.Events;
using Marten.Events;
using Npgsql;

namespace Monitor.EventStore;

/// <summary>What <see cref="StoreMigration.MigrateAsync"/> moved and what the check after it found.</summary>
/// <param name="Mismatches">Events whose id, stream, version, type, data, headers, timestamp or place in the log differ between the two stores (0 when verified).</param>
public sealed record StoreMigrationReport(long Streams, long ArchivedStreams, long Events, long MigratedEvents, long Mismatches, TimeSpan Elapsed)
{
    public bool Verified => Mismatches == 0 && Events == MigratedEvents;
}

/// <summary>
/// Moves a store of the previous release (tables <c>streams</c> and <c>events</c>) into Marten's tables in one
/// pass: ids, versions, stream types, timestamps, headers, archived flags and the order of the log are kept, then
/// counted and compared row by row in the database. The old tables are left as they were.
/// </summary>
public static class StoreMigration
{
    public static async Task<StoreMigrationReport> MigrateAsync(NpgsqlDataSource source, string sourceSchema, EventStore target, CancellationToken ct = default)
    {
        EventStoreOptions.ValidateSchema(sourceSchema);
        var started = System.Diagnostics.Stopwatch.StartNew();
        await target.EnsureSchemaAsync(ct);
        var already = await ScalarAsync(source, $"SELECT count(*) FROM {target.Schema}.mt_events", ct);
        if (already > 0)
            throw new EventStoreException(
                $"Marten's tables in schema '{target.Schema}' already hold {already} events; the migration writes only into an empty store (drop {target.Schema}.mt_* to start over).");

        var headers = await StreamHeadersAsync(source, sourceSchema, ct);
        var events = await ScalarAsync(source, $"SELECT count(*) FROM {sourceSchema}.events", ct);
        if (events > 0)
            await target.Store.BulkInsertEventStreamAsync(JasperFx.StorageConstants.DefaultTenantId, headers,
                ReadLogAsync(source, sourceSchema, target.Registry, ct), BulkEventSequenceMode.AssignFromSequence, batchSize: 1000, ct);

        var migrated = await ScalarAsync(source, $"SELECT count(*) FROM {target.Schema}.mt_events", ct);
        var mismatches = await ScalarAsync(source, Compare(sourceSchema, target.Schema), ct);
        return new StoreMigrationReport(headers.Count, headers.Count(h => h.IsArchived), events, migrated, mismatches, started.Elapsed);
    }

    private static async Task<IReadOnlyList<BulkEventStreamHeader>> StreamHeadersAsync(NpgsqlDataSource source, string schema, CancellationToken ct)
    {
        var headers = new List<BulkEventStreamHeader>();
        await using var cmd = source.CreateCommand($"SELECT id, type, version, archived FROM {schema}.streams ORDER BY id");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            headers.Add(new BulkEventStreamHeader { Id = reader.GetGuid(0), AggregateTypeName = reader.GetString(1), Version = reader.GetInt32(2), IsArchived = reader.GetBoolean(3) });
        return headers;
    }

    /// <summary>The old log in its order (transaction, then sequence), one event at a time.</summary>
    private static async IAsyncEnumerable<IEvent> ReadLogAsync(NpgsqlDataSource source, string schema, EventTypeRegistry registry, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var connection = await source.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        await using var cmd = new NpgsqlCommand(
            $"SELECT id, stream_id, version, type, data::text, headers::text, timestamp, archived FROM {schema}.events ORDER BY tx_id, seq_id", connection, tx);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var (name, data) = registry.Deserialize(reader.GetString(3), reader.GetString(4));
            var e = (IEvent)Activator.CreateInstance(typeof(Event<>).MakeGenericType(data.GetType()), data)!;
            e.Id = reader.GetGuid(0);
            e.StreamId = reader.GetGuid(1);
            e.Version = reader.GetInt32(2);
            e.EventTypeName = name;
            e.Timestamp = reader.GetFieldValue<DateTimeOffset>(6);
            e.IsArchived = reader.GetBoolean(7);
            if (!reader.IsDBNull(5))
                foreach (var (key, value) in System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(5)) ?? [])
                    e.SetHeader(key, value);
            yield return e;
        }
    }

    /// <summary>Rows that differ, or sit elsewhere in the log order, between the old store and Marten's.</summary>
    private static string Compare(string from, string to) =>
        $"""
        SELECT count(*) FROM
          (SELECT *, row_number() OVER (ORDER BY tx_id, seq_id) AS place FROM {from}.events) o
          FULL JOIN (SELECT *, row_number() OVER (ORDER BY seq_id) AS place FROM {to}.mt_events) n ON n.id = o.id
        WHERE o.id IS NULL OR n.id IS NULL OR n.stream_id <> o.stream_id OR n.version <> o.version OR n.type <> o.type
           OR n.data <> o.data OR n.timestamp <> o.timestamp OR n.is_archived <> o.archived OR n.place <> o.place
           OR coalesce(n.headers, '{"{}"}'::jsonb) <> coalesce(o.headers, '{"{}"}'::jsonb)
        """;

    private static async Task<long> ScalarAsync(NpgsqlDataSource source, string sql, CancellationToken ct)
    {
        await using var cmd = source.CreateCommand(sql);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct));
    }
}
