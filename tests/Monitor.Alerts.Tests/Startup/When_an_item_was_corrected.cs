using Monitor.Alerts.Evaluate;
using Monitor.Alerts.Tests.Support;
using Monitor.Contracts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;
using Monitor.Testing;

namespace Monitor.Alerts.Tests.Startup;

/// <summary>Rules judge an item evaluated after a person corrected its label (history at start, a backtest) by the corrected label.</summary>
public sealed class When_an_item_was_corrected(PostgresSchema schema) : IClassFixture<PostgresSchema>, IAsyncLifetime
{
    private EventStore.EventStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = EventStore.EventStore.Create(new EventStoreOptions { ConnectionString = schema.ConnectionString, Schema = schema.Name },
            MonitorEventTypes.CreateRegistry());
        await _store.EnsureSchemaAsync();
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Should_see_the_latest_correction_s_label_instead_of_the_model_s(bool withText)
    {
        var published = DateTimeOffset.UtcNow.AddHours(-1);
        var corrected = StoredItems.Scored(SentimentLabels.Negative, 5_000, published);
        var untouched = StoredItems.Scored(SentimentLabels.Negative, 5_000, published);
        await StoredItems.AppendAsync(_store, corrected, "https://example.test/corrected");
        await StoredItems.AppendAsync(_store, untouched, "https://example.test/untouched");
        await CorrectAsync(corrected, SentimentLabels.Positive, published.AddMinutes(5), version: 2);
        await CorrectAsync(corrected, SentimentLabels.Neutral, published.AddMinutes(9), version: 3);

        var items = await new CoverageLookup(_store).JoinAsync([corrected, untouched], withText, CancellationToken.None);

        Assert.Equal(SentimentLabels.Neutral, items.Single(i => i.CoverageId == corrected.CoverageId).Label);
        Assert.False(items.Single(i => i.CoverageId == corrected.CoverageId).IsNegative);
        Assert.Equal(SentimentLabels.Negative, items.Single(i => i.CoverageId == untouched.CoverageId).Label);
        Assert.Equal("https://example.test/corrected", items.Single(i => i.CoverageId == corrected.CoverageId).Url);
    }

    private Task CorrectAsync(SentimentScored item, string label, DateTimeOffset at, long version) =>
        _store.AppendAsync(item.CoverageId, MonitorEventTypes.CoverageStream, ExpectedVersion.Exactly(version),
            [new EventData(CoverageEventIds.Corrected(item.CoverageId, version, label, "ana"),
                new SentimentCorrected(item.CoverageId, label, item.Label, item.Label, item.ModelVersion, "ana", "analyst", at))]);
}
