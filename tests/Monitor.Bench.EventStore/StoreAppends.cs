using Monitor.EventStore;

namespace Monitor.Bench.EventStore;

/// <summary>The store's append paths, one coverage-like event per new stream as ingestion does.</summary>
public sealed class StoreAppends(Monitor.EventStore.EventStore store)
{
    private long _next;

    public Scenario OneEventPerTransaction(int writers) =>
        new($"store: AppendAsync, 1 event per transaction, {writers} writers", writers, async _ =>
        {
            await store.AppendAsync(Guid.NewGuid(), "coverage", ExpectedVersion.NoStream, [Event()]);
            return 1;
        });

    public Scenario BatchAcrossStreams(int streams) =>
        new($"store: AppendBatchAsync, {streams} streams x 1 event per transaction", 1, async _ =>
        {
            var appends = new StreamAppend[streams];
            for (var i = 0; i < streams; i++)
                appends[i] = new StreamAppend(Guid.NewGuid(), "coverage", ExpectedVersion.NoStream, [Event()]);
            await store.AppendBatchAsync(appends);
            return streams;
        });

    public Task<double> ManyEventsToOneStreamAsync(int events) =>
        Measurement.RateAsync($"store: AppendAsync, {events} events to one stream per transaction", 1, async _ =>
        {
            var batch = new EventData[events];
            for (var i = 0; i < events; i++) batch[i] = Event();
            await store.AppendAsync(Guid.NewGuid(), "coverage", ExpectedVersion.NoStream, batch);
            return events;
        });

    private EventData Event() => new(Guid.NewGuid(), BenchEvent.Sample(Interlocked.Increment(ref _next)));
}
