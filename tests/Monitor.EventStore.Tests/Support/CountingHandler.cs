using Npgsql;

namespace Monitor.EventStore.Tests.Support;

/// <summary>
/// Counts events per stream with increments, which are not idempotent: a batch applied twice, or applied
/// without its progress, shows as a wrong count. Writes go through <see cref="SubscriptionContext.WriteAsync"/>.
/// </summary>
public sealed class CountingHandler(string table) : ISubscriptionHandler
{
    /// <summary>Throws from the handler while it returns true for the batch.</summary>
    public Func<IReadOnlyList<StoredEvent>, bool>? FailWhen { get; set; }

    public List<long> Delivered { get; } = [];

    /// <summary>Another handler counting into the same table (a second instance of the same subscription).</summary>
    public CountingHandler Twin() => new(table);

    public static async Task<CountingHandler> CreateAsync(NpgsqlDataSource dataSource, string schema)
    {
        var table = $"{schema}.counts_{Guid.NewGuid():N}"[..(schema.Length + 20)];
        await using var cmd = dataSource.CreateCommand($"CREATE TABLE {table} (stream_id uuid PRIMARY KEY, events int NOT NULL)");
        await cmd.ExecuteNonQueryAsync();
        return new CountingHandler(table);
    }

    public async Task HandleAsync(IReadOnlyList<StoredEvent> batch, SubscriptionContext context, CancellationToken ct)
    {
        if (FailWhen?.Invoke(batch) == true) throw new InvalidOperationException("handler failed on purpose");
        lock (Delivered) Delivered.AddRange(batch.Select(e => e.SeqId));
        var perStream = batch.GroupBy(e => e.StreamId).Select(g => (Id: g.Key, Count: g.Count())).ToArray();
        var command = new NpgsqlBatchCommand(
            $"""
            INSERT INTO {table} (stream_id, events) SELECT * FROM unnest($1::uuid[], $2::int[])
            ON CONFLICT (stream_id) DO UPDATE SET events = {table}.events + excluded.events
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = perStream.Select(s => s.Id).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = perStream.Select(s => s.Count).ToArray() });
        await context.WriteAsync([command], ct);
    }

    public async Task<Dictionary<Guid, int>> CountsAsync(NpgsqlDataSource dataSource)
    {
        var counts = new Dictionary<Guid, int>();
        await using var cmd = dataSource.CreateCommand($"SELECT stream_id, events FROM {table}");
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) counts[reader.GetGuid(0)] = reader.GetInt32(1);
        return counts;
    }
}
