using Npgsql;

namespace Monitor.EventStore.Tests.Support;

/// <summary>
/// A table read model: per stream, how many events and the highest version. Not idempotent on its
/// own (it adds), so it is exactly right only if batches commit together with the checkpoint.
/// </summary>
public sealed class CountingProjection(string schema, string name) : Projection
{
    private readonly string _table = $"{schema}.{name.Replace('-', '_')}_counts";

    public override string Name => name;

    public override int BatchSize => 50;

    /// <summary>Runs inside the handler's transaction after the writes; lets tests interfere mid-batch.</summary>
    public Func<IReadOnlyList<StoredEvent>, SubscriptionContext, CancellationToken, Task>? AfterWrite { get; set; }

    public override async Task EnsureStorageAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"CREATE TABLE IF NOT EXISTS {_table} (stream_id uuid PRIMARY KEY, events integer NOT NULL, last_version integer NOT NULL)", connection);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public override async Task ClearAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"DELETE FROM {_table}", connection, transaction);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public override async Task HandleAsync(IReadOnlyList<StoredEvent> batch, SubscriptionContext context, CancellationToken ct)
    {
        var perStream = batch.GroupBy(e => e.StreamId).Select(g => (Id: g.Key, Count: g.Count(), Last: (int)g.Max(e => e.Version))).ToArray();
        await using (var cmd = new NpgsqlCommand(
            $"""
            INSERT INTO {_table} (stream_id, events, last_version)
            SELECT * FROM unnest($1::uuid[], $2::int[], $3::int[])
            ON CONFLICT (stream_id) DO UPDATE
              SET events = {_table}.events + excluded.events,
                  last_version = greatest({_table}.last_version, excluded.last_version)
            """, context.Connection, context.Transaction))
        {
            cmd.Parameters.AddWithValue(perStream.Select(s => s.Id).ToArray());
            cmd.Parameters.AddWithValue(perStream.Select(s => s.Count).ToArray());
            cmd.Parameters.AddWithValue(perStream.Select(s => s.Last).ToArray());
            await cmd.ExecuteNonQueryAsync(ct);
        }
        if (AfterWrite is { } hook) await hook(batch, context, ct);
    }

    public async Task<Dictionary<Guid, (int Events, int LastVersion)>> SnapshotAsync(NpgsqlDataSource dataSource)
    {
        var rows = new Dictionary<Guid, (int, int)>();
        await using var cmd = dataSource.CreateCommand($"SELECT stream_id, events, last_version FROM {_table}");
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows[reader.GetGuid(0)] = (reader.GetInt32(1), reader.GetInt32(2));
        return rows;
    }

    public async Task<long> TotalAsync(NpgsqlDataSource dataSource)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT coalesce(sum(events), 0) FROM {_table}");
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
