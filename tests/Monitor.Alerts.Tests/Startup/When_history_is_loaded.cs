using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Alerts.Evaluate;
using Monitor.Alerts.Startup;
using Monitor.Alerts.Tests.Support;
using Monitor.Contracts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;
using Monitor.Testing;
using Npgsql;

namespace Monitor.Alerts.Tests.Startup;

public sealed class When_history_is_loaded(PostgresSchema schema) : IClassFixture<PostgresSchema>, IAsyncLifetime
{
    private EventStore.EventStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = EventStore.EventStore.Create(new EventStoreOptions { ConnectionString = schema.ConnectionString, Schema = schema.Name },
            MonitorEventTypes.CreateRegistry());
        await _store.EnsureSchemaAsync();
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task Should_read_only_the_lookback_in_pages_oldest_first()
    {
        var now = DateTimeOffset.UtcNow;
        var recent = Enumerable.Range(0, History.Page * 2 + 100)
            .Select(i => StoredItems.Scored(SentimentLabels.Neutral, 10, now.AddHours(-20).AddSeconds(i * 7 % 3_600)))
            .ToArray();
        var old = Enumerable.Range(0, 300).Select(_ => StoredItems.Scored(SentimentLabels.Negative, 10, now.AddDays(-3))).ToArray();
        await AppendAsync(old);
        await Backdate(old.Select(o => o.CoverageId).ToArray(), TimeSpan.FromDays(3));
        await AppendAsync(recent);
        var history = new History(_store, new CoverageLookup(_store), new ManualClock(now), NullLogger<History>.Instance);

        var loaded = await history.RecentScoredAsync(TimeSpan.FromDays(1), withText: false, CancellationToken.None);

        Assert.Equal(recent.Length, loaded.Count);
        Assert.Equal(recent.Select(r => r.CoverageId).Order(), loaded.Select(l => l.CoverageId).Order());
        Assert.Equal(loaded.OrderBy(l => l.PublishedAt).Select(l => l.CoverageId), loaded.Select(l => l.CoverageId));
        Assert.All(loaded, l => Assert.Equal($"https://example.test/{l.CoverageId:N}", l.Url));
    }

    [Fact]
    public async Task Should_find_an_old_story_stored_recently_when_its_publication_is_in_range()
    {
        // A backtest over last year's corpus replayed today: the items were stored now, published long ago.
        var published = new DateTimeOffset(2024, 3, 28, 10, 0, 0, TimeSpan.Zero);
        var replayed = StoredItems.Scored(SentimentLabels.Negative, 5_000, published);
        await AppendAsync([replayed]);
        var history = new History(_store, new CoverageLookup(_store), TimeProvider.System, NullLogger<History>.Instance);

        var found = await history.ScoredBetweenAsync(published.AddHours(-1), published.AddHours(1), withText: false, CancellationToken.None);

        Assert.Equal(replayed.CoverageId, Assert.Single(found).CoverageId);
    }

    [Fact]
    public async Task Should_read_every_alert_event_even_those_committed_after_an_older_transaction_still_open()
    {
        // Some other session's transaction, older than the alert events below and still open while the service starts.
        await using var other = await schema.DataSource.OpenConnectionAsync();
        await using var open = await other.BeginTransactionAsync();
        await using (var xid = new NpgsqlCommand("SELECT pg_current_xact_id()", other, open))
            await xid.ExecuteScalarAsync();
        var alertId = Guid.NewGuid();
        var acknowledged = new Monitor.Contracts.Alerts.AlertAcknowledged(alertId, "ana", DateTimeOffset.UtcNow);
        await _store.AppendAsync(alertId, MonitorEventTypes.AlertStream, ExpectedVersion.Any,
            [new EventData(Guid.NewGuid(), acknowledged)]);
        var history = new History(_store, new CoverageLookup(_store), TimeProvider.System, NullLogger<History>.Instance);

        var loaded = await history.ReadAsync(AlertsEventTypes.Alert, CancellationToken.None);

        Assert.Equal(acknowledged, Assert.Single(loaded, e => e.StreamId == alertId).Data);
        await open.RollbackAsync();
    }

    private async Task AppendAsync(IReadOnlyList<SentimentScored> items)
    {
        foreach (var chunk in items.Chunk(500))
            await Task.WhenAll(chunk.Select(i => StoredItems.AppendAsync(_store, i, $"https://example.test/{i.CoverageId:N}")));
    }

    private async Task Backdate(Guid[] streams, TimeSpan by)
    {
        await using var cmd = schema.DataSource.CreateCommand($"UPDATE \"{schema.Name}\".mt_events SET timestamp = timestamp - @by WHERE stream_id = ANY(@ids)");
        cmd.Parameters.Add(new NpgsqlParameter("by", by));
        cmd.Parameters.Add(new NpgsqlParameter("ids", streams));
        await cmd.ExecuteNonQueryAsync();
    }
}
