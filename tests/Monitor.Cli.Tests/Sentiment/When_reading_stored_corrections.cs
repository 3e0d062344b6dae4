using Monitor.Cli.Sentiment.Correct;
using Monitor.EventStore;
using Monitor.Hosting.Storage;
using Monitor.SentimentModel.Data;
using Monitor.Testing;

namespace Monitor.Cli.Tests.Sentiment;

public sealed class When_reading_stored_corrections(PostgresSchema schema) : IClassFixture<PostgresSchema>, IAsyncLifetime
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
    public async Task Should_give_one_row_per_item_and_text_with_the_latest_label()
    {
        var at = new DateTimeOffset(2024, 4, 1, 9, 0, 0, TimeSpan.Zero);
        var twice = await CorrectedItems.StoreScoredAsync(_store, "保险 一年 多少钱", "negative");
        var copyA = await CorrectedItems.StoreScoredAsync(_store, "充电 很快", "neutral");
        var copyB = await CorrectedItems.StoreScoredAsync(_store, "充电 很快", "neutral");
        await CorrectedItems.StoreScoredAsync(_store, "never corrected", "neutral");
        await CorrectedItems.CorrectAsync(_store, twice, "positive", at);
        await CorrectedItems.CorrectAsync(_store, twice, "neutral", at.AddMinutes(1));
        await CorrectedItems.CorrectAsync(_store, copyA, "negative", at.AddMinutes(2));
        await CorrectedItems.CorrectAsync(_store, copyB, "positive", at.AddMinutes(3));

        var read = await StoredCorrections.ReadAsync(_store);

        Assert.Equal((4, 3), (read.Corrections, read.Items));
        Assert.Equal([(SentimentLabel.Neutral, "保险 一年 多少钱"), (SentimentLabel.Positive, "充电 很快")], read.Rows.Select(r => (r.Label, r.Text)));
    }
}
