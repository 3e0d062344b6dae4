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
            SELECT seq_id, id, stream_id, version, type, data, headers, timestamp FROM {store.Schema}.mt_events
            WHERE seq_id > $1 ORDER BY seq_id LIMIT $2
            """;
        var rates = new List<double>();
        for (var rep = 0; rep < Measurement.Repetitions; rep++)
        {
            var stopwatch = Stopwatch.StartNew();
            long position = 0;
            long read = 0;
            while (read < backlog && stopwatch.Elapsed < Limit)
            {
                await using var cmd = store.DataSource.CreateCommand(sql);
                cmd.Parameters.AddWithValue(position);
                cmd.Parameters.AddWithValue(pageSize);
                await using var reader = await cmd.ExecuteReaderAsync();
                var rows = 0;
                while (await reader.ReadAsync())
                {
                    position = reader.GetInt64(0);
                    _ = (reader.GetGuid(1), reader.GetGuid(2), reader.GetInt64(3), reader.GetString(4), reader.GetString(5),
                        reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetFieldValue<DateTimeOffset>(7));
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

    /// <summary>A subscription under Marten's daemon working through the backlog, pages of <paramref name="batchSize"/>.</summary>
    public async Task<double> SubscriptionAsync(long backlog, int batchSize)
    {
        var rates = new List<double>();
        for (var rep = 0; rep < Measurement.Repetitions; rep++)
        {
            var handler = new CountingHandler();
            var subscription = new HandlerSubscription($"bench-catch-up-{rep}", handler, store.DataSource, batchSize);
            await using var log = new Monitor.EventStore.EventStore(store.DataSource, store.Options, store.Registry,
                configure: options => options.Events.Subscribe(subscription));
            using var daemon = await log.Store.BuildProjectionDaemonAsync();
            var stopwatch = Stopwatch.StartNew();
            await daemon.StartAllAsync();
            while (handler.Count < backlog && stopwatch.Elapsed < Limit)
                await Task.Delay(5);
            var elapsed = stopwatch.Elapsed;
            await daemon.StopAllAsync();
            if (handler.Count < backlog) throw new InvalidOperationException($"catch-up handled {handler.Count} of {backlog} events within {Limit}");
            rates.Add(handler.Count / elapsed.TotalSeconds);
        }
        var median = rates.Order().ElementAt(rates.Count / 2);
        Measurement.Print($"store: subscription catch-up under Marten's daemon, pages of {batchSize}", median, rates);
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
                var page = await store.ReadAllAsync(position, pageSize); // up to the high water mark, advanced once before
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
