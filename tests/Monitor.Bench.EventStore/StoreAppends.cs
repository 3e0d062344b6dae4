using Monitor.EventStore;

namespace Monitor.Bench.EventStore;

/// <summary>
/// The store's append paths, one coverage-like event per new stream as ingestion does.
/// </summary>
public sealed class StoreAppends(
    string label,
    Func<Guid, ExpectedVersion, IReadOnlyList<EventData>, Task> append,
    Func<IReadOnlyList<StreamAppend>, Task> appendBatch)
{
    private long _next;

    public StoreAppends(Monitor.EventStore.EventStore store)
        : this("store", (id, expected, events) => store.AppendAsync(id, "coverage", expected, events), appends => store.AppendBatchAsync(appends)) { }

    public Scenario OneEventPerTransaction(int writers) =>
        new($"{label}: AppendAsync, 1 event per transaction, {writers} writers", writers, async _ =>
        {
            await append(Guid.NewGuid(), ExpectedVersion.NoStream, [Event()]);
            return 1;
        });

    public Scenario BatchAcrossStreams(int streams) =>
        new($"{label}: AppendBatchAsync, {streams} streams x 1 event per transaction", 1, async _ =>
        {
            var appends = new StreamAppend[streams];
            for (var i = 0; i < streams; i++)
                appends[i] = new StreamAppend(Guid.NewGuid(), "coverage", ExpectedVersion.NoStream, [Event()]);
            await appendBatch(appends);
            return streams;
        });

    public Task<double> ManyEventsToOneStreamAsync(int events) =>
        Measurement.RateAsync($"{label}: AppendAsync, {events} events to one stream per transaction", 1, async _ =>
        {
            var batch = new EventData[events];
            for (var i = 0; i < events; i++) batch[i] = Event();
            await append(Guid.NewGuid(), ExpectedVersion.NoStream, batch);
            return events;
        });

    private EventData Event() => new(Guid.NewGuid(), BenchEvent.Sample(Interlocked.Increment(ref _next)));
}
