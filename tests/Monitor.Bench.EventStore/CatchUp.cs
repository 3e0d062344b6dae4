using System.Diagnostics;
using Monitor.EventStore;

namespace Monitor.Bench.EventStore;

/// <summary>How fast a subscription (and a bare global-log reader) works through a backlog.</summary>
public sealed class CatchUp(Monitor.EventStore.EventStore store)
{
    /// <summary>The yardstick: the same keyset-paged query, rows read as strings, nothing deserialized.</summary>
    public async Task<double> RawReadAsync(long backlog, int pageSize)
    {
        var sql = $"""
            SELECT seq_id, tx_id, id, stream_id, version, type, data, headers, timestamp FROM {store.Schema}.events
            WHERE (tx_id, seq_id) > ($1, $2) ORDER BY tx_id, seq_id LIMIT $3
            """;
        var rates = new List<double>();
        for (var rep = 0; rep < Measurement.Repetitions; rep++)
        {
            var stopwatch = Stopwatch.StartNew();
            var position = GlobalPosition.Start;
            long read = 0;
            while (read < backlog && stopwatch.Elapsed < Limit)
            {
                await using var cmd = store.DataSource.CreateCommand(sql);
                cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = position.TxId, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Xid8 });
                cmd.Parameters.AddWithValue(position.SeqId);
                cmd.Parameters.AddWithValue(pageSize);
                await using var reader = await cmd.ExecuteReaderAsync();
                var rows = 0;
                while (await reader.ReadAsync())
                {
                    position = new GlobalPosition(reader.GetFieldValue<ulong>(1), reader.GetInt64(0));
                    _ = (reader.GetGuid(2), reader.GetGuid(3), reader.GetInt32(4), reader.GetString(5), reader.GetString(6),
                        reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetFieldValue<DateTimeOffset>(8));
                    rows++;
                }
                if (rows == 0) break;
                read += rows;
            }
            rates.Add(read / stopwatch.Elapsed.TotalSeconds);
        }
        var median = rates.Order().ElementAt(rates.Count / 2);
        Measurement.Print($"raw: keyset-paged SELECT of {pageSize} event rows, no deserializing", median, rates);
        return median;
    }

    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    public async Task<double> SubscriptionAsync(long backlog, int batchSize, bool synchronousCommit)
    {
        var rates = new List<double>();
        for (var rep = 0; rep < Measurement.Repetitions; rep++)
        {
            var handler = new CountingHandler();
            using var cts = new CancellationTokenSource(Limit);
            var subscription = new Subscription(store, new SubscriptionOptions { Name = $"bench-catch-up-{synchronousCommit}-{rep}", BatchSize = batchSize, SynchronousCommit = synchronousCommit }, handler);
            var stopwatch = Stopwatch.StartNew();
            var run = subscription.RunAsync(cts.Token);
            while (handler.Count < backlog && !cts.IsCancellationRequested && !run.IsCompleted)
                await Task.Delay(5);
            var elapsed = stopwatch.Elapsed;
            await cts.CancelAsync();
            await run;
            if (handler.Count < backlog) throw new InvalidOperationException($"catch-up handled {handler.Count} of {backlog} events within {Limit}");
            rates.Add(handler.Count / elapsed.TotalSeconds);
        }
        var median = rates.Order().ElementAt(rates.Count / 2);
        Measurement.Print($"store: subscription catch-up, batches of {batchSize}{(synchronousCommit ? "" : ", SynchronousCommit off")}", median, rates);
        return median;
    }

    public async Task<double> ReadAllAsync(long backlog, int pageSize)
    {
        var rates = new List<double>();
        for (var rep = 0; rep < Measurement.Repetitions; rep++)
        {
            var stopwatch = Stopwatch.StartNew();
            var position = GlobalPosition.Start;
            long read = 0;
            while (read < backlog && stopwatch.Elapsed < Limit)
            {
                var page = await store.ReadAllAsync(position, pageSize);
                if (page.Count == 0) { await Task.Delay(5); continue; }
                read += page.Count;
                position = page[^1].Position;
            }
            rates.Add(read / stopwatch.Elapsed.TotalSeconds);
        }
        var median = rates.Order().ElementAt(rates.Count / 2);
        Measurement.Print($"store: ReadAllAsync pages of {pageSize}", median, rates);
        return median;
    }

    private sealed class CountingHandler : ISubscriptionHandler
    {
        private long _count;
        public long Count => Interlocked.Read(ref _count);

        public Task HandleAsync(IReadOnlyList<StoredEvent> batch, SubscriptionContext context, CancellationToken ct)
        {
            Interlocked.Add(ref _count, batch.Count);
            return Task.CompletedTask;
        }
    }
}
