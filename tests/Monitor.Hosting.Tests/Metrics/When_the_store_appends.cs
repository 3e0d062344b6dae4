using Monitor.EventStore;
using Monitor.Hosting.Observability;
using Monitor.Testing;

namespace Monitor.Hosting.Tests.Metrics;

public sealed record MetricsTestEvent(string Text);

/// <summary>monitor_events_appended_total, counted where the event store appends, against real PostgreSQL.</summary>
public sealed class When_the_store_appends(PostgresSchema schema) : IClassFixture<PostgresSchema>, IAsyncLifetime
{
    // A type name of its own: other tests in this process append too.
    private readonly string _type = "metrics-test-" + Guid.NewGuid().ToString("N")[..8];
    private MetricsEndpoint _metrics = null!;
    private EventStore.EventStore _store = null!;

    public async Task InitializeAsync()
    {
        _metrics = await MetricsEndpoint.StartAsync([MonitorMetrics.MeterName]);
        var registry = new EventTypeRegistry().Register<MetricsTestEvent>(_type);
        _store = EventStore.EventStore.Create(new EventStoreOptions { ConnectionString = schema.ConnectionString, Schema = schema.Name }, registry);
        await _store.EnsureSchemaAsync();
    }

    private async Task<double> Appended() => (await _metrics.ScrapeAsync()).Value("monitor_events_appended_total", ("type", _type)) ?? 0;

    private static StreamAppend Stream(Guid id, params Guid[] eventIds) =>
        new(id, "metrics", ExpectedVersion.Any, eventIds.Select(e => new EventData(e, new MetricsTestEvent("x"))).ToArray());

    [Fact]
    public async Task Should_count_each_event_appended_and_not_a_redelivered_one()
    {
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        var events = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };

        await _store.AppendBatchAsync([Stream(first, events[0], events[1]), Stream(second, events[2])]);
        var afterFirst = await Appended();
        await _store.AppendBatchAsync([Stream(first, events[0], events[1]), Stream(second, events[2])]);

        Assert.Equal(3, afterFirst);
        Assert.Equal(3, await Appended());
    }

    [Fact]
    public async Task Should_not_count_a_stream_whose_expected_version_conflicted()
    {
        var stream = Guid.NewGuid();
        await _store.AppendAsync(stream, "metrics", ExpectedVersion.NoStream, [new EventData(Guid.NewGuid(), new MetricsTestEvent("a"))]);
        var before = await Appended();

        await Assert.ThrowsAsync<ConcurrencyException>(() =>
            _store.AppendAsync(stream, "metrics", ExpectedVersion.NoStream, [new EventData(Guid.NewGuid(), new MetricsTestEvent("b"))]));

        Assert.Equal(before, await Appended());
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await _metrics.DisposeAsync();
    }
}
