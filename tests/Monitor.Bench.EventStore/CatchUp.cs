using System.Diagnostics;
using Monitor.EventStore;

namespace Monitor.Bench.EventStore;

/// <summary>How fast a subscription (and a bare global-log reader) works through a backlog.</summary>
public sealed class CatchUp(Monitor.EventStore.EventStore store)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    public async Task<double> SubscriptionAsync(long backlog, int batchSize)
    {
        var rates = new List<double>();
        for (var rep = 0; rep < Measurement.Repetitions; rep++)
        {
            var handler = new CountingHandler();
            using var cts = new CancellationTokenSource(Limit);
            var subscription = new Subscription(store, new SubscriptionOptions { Name = $"bench-catch-up-{rep}", BatchSize = batchSize }, handler);
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
        Measurement.Print($"store: subscription catch-up, batches of {batchSize}", median, rates);
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
