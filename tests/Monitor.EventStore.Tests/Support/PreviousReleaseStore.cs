using System.Text.Json;
using Npgsql;

namespace Monitor.EventStore.Tests.Support;

/// <summary>The tables the previous release's own event store kept (streams, events), written row by row as it wrote them.</summary>
public sealed class PreviousReleaseStore(NpgsqlDataSource dataSource, string schema, EventTypeRegistry registry)
{
    public static async Task<PreviousReleaseStore> CreateAsync(NpgsqlDataSource dataSource, string schema, EventTypeRegistry registry)
    {
        await using var cmd = dataSource.CreateCommand($"""
            CREATE TABLE {schema}.streams (id uuid PRIMARY KEY, type text NOT NULL, version integer NOT NULL,
                created timestamptz NOT NULL DEFAULT now(), updated timestamptz NOT NULL DEFAULT now(), archived boolean NOT NULL DEFAULT false);
            CREATE SEQUENCE {schema}.events_seq;
            CREATE TABLE {schema}.events (seq_id bigint PRIMARY KEY DEFAULT nextval('{schema}.events_seq'), id uuid NOT NULL UNIQUE,
                stream_id uuid NOT NULL, version integer NOT NULL, type text NOT NULL, data jsonb NOT NULL, headers jsonb,
                tx_id xid8 NOT NULL DEFAULT pg_current_xact_id(), timestamp timestamptz NOT NULL DEFAULT now(),
                archived boolean NOT NULL DEFAULT false, UNIQUE (stream_id, version));
            """);
        await cmd.ExecuteNonQueryAsync();
        return new PreviousReleaseStore(dataSource, schema, registry);
    }

    public async Task AppendAsync(Guid stream, string streamType, params EventData[] events)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using (var upsert = new NpgsqlCommand(
            $"INSERT INTO {schema}.streams (id, type, version) VALUES ($1, $2, 0) ON CONFLICT (id) DO NOTHING", connection, tx))
        {
            upsert.Parameters.AddWithValue(stream);
            upsert.Parameters.AddWithValue(streamType);
            await upsert.ExecuteNonQueryAsync();
        }
        foreach (var e in events)
        {
            await using var insert = new NpgsqlCommand($"""
                WITH s AS (UPDATE {schema}.streams SET version = version + 1, updated = now() WHERE id = $2 RETURNING version)
                INSERT INTO {schema}.events (id, stream_id, version, type, data, headers) SELECT $1, $2, s.version, $3, $4::jsonb, $5::jsonb FROM s
                """, connection, tx);
            insert.Parameters.AddWithValue(e.Id);
            insert.Parameters.AddWithValue(stream);
            insert.Parameters.AddWithValue(registry.NameOf(e.Data.GetType()));
            insert.Parameters.AddWithValue(JsonSerializer.Serialize(e.Data, e.Data.GetType(), registry.JsonOptions));
            insert.Parameters.AddWithValue(e.Headers is { Count: > 0 } h ? JsonSerializer.Serialize(h) : (object)DBNull.Value);
            await insert.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
    }

    public async Task ArchiveAsync(Guid stream)
    {
        await using var cmd = dataSource.CreateCommand($"WITH s AS (UPDATE {schema}.streams SET archived = true WHERE id = $1) UPDATE {schema}.events SET archived = true WHERE stream_id = $1");
        cmd.Parameters.AddWithValue(stream);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>A stream's events as stored: id, version, type, data (as its registered type), timestamp.</summary>
    public async Task<IReadOnlyList<(Guid Id, long Version, string Type, object Data, DateTimeOffset Timestamp)>> ReadStreamAsync(Guid stream)
    {
        var events = new List<(Guid, long, string, object, DateTimeOffset)>();
        await using var cmd = dataSource.CreateCommand($"SELECT id, version, type, data::text, timestamp FROM {schema}.events WHERE stream_id = $1 ORDER BY version");
        cmd.Parameters.AddWithValue(stream);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            events.Add((reader.GetGuid(0), reader.GetInt32(1), reader.GetString(2),
                JsonSerializer.Deserialize(reader.GetString(3), registry.TypeOf(reader.GetString(2)), registry.JsonOptions)!, reader.GetFieldValue<DateTimeOffset>(4)));
        return events;
    }
}
