using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Contracts;
using Monitor.EventStore;
using Monitor.Hosting.Observability.Metrics;
using Monitor.Hosting.Relay;
using Monitor.Hosting.Storage;
using Monitor.Testing;

namespace Monitor.Hosting.Tests.Metrics;

/// <summary>monitor_relay_lag_events against a real event store: published events past the relay's checkpoint.</summary>
public sealed class When_sampling_relay_lag(PostgresSchema schema) : IClassFixture<PostgresSchema>, IAsyncLifetime
{
    private EventStore.EventStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = EventStore.EventStore.Create(new EventStoreOptions { ConnectionString = schema.ConnectionString, Schema = schema.Name },
            MonitorEventTypes.CreateRegistry());
        await _store.EnsureSchemaAsync();
    }

    private static SentimentScored Scored(Guid coverage) =>
        new(coverage, "weibo", DateTimeOffset.UtcNow, "negative", -0.5, 0.9, "test-1", [], [], 100);

    [Fact]
    public async Task Should_count_published_events_past_the_checkpoint_only()
    {
        var sampler = new RelayLagSampler(_store, NullLogger<RelayLagSampler>.Instance);
        var coverage = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToArray();
        foreach (var id in coverage)
            await _store.AppendAsync(id, MonitorEventTypes.CoverageStream, ExpectedVersion.Any, [new EventData(Guid.NewGuid(), Scored(id))]);
        // not published by the relay, so no part of its lag
        await _store.AppendAsync(Guid.NewGuid(), MonitorEventTypes.SubscriptionStream, ExpectedVersion.Any,
            [new EventData(Guid.NewGuid(), new Monitor.Contracts.Alerts.SubscriptionPaused(Guid.NewGuid(), "test", DateTimeOffset.UtcNow))]);

        var before = await sampler.SampleAsync(CancellationToken.None);
        await using (var checkpoint = _store.DataSource.CreateCommand($"""
            INSERT INTO {schema.Name}.mt_event_progression (name, last_seq_id, last_updated)
            SELECT $2, seq_id, now() FROM {schema.Name}.mt_events WHERE stream_id = $1
            """))
        {
            checkpoint.Parameters.AddWithValue(coverage[1]);
            checkpoint.Parameters.AddWithValue(RelaySubscription.Shard);
            await checkpoint.ExecuteNonQueryAsync();
        }
        var after = await sampler.SampleAsync(CancellationToken.None);

        Assert.Equal(5, before);
        Assert.Equal(3, after);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();
}
