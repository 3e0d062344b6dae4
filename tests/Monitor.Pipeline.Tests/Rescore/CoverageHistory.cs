using Monitor.Contracts;
using Monitor.EventStore;
using Monitor.Extraction.Extract;
using Monitor.Hosting.Storage;
using Monitor.Pipeline.Tests.Infrastructure;
using Monitor.Sentiment.Score;
using Monitor.SentimentModel;
using Monitor.TextAnalysis;
using Monitor.Testing;

namespace Monitor.Pipeline.Tests.Rescore;

/// <summary>Puts coverage through the extraction and sentiment stages' own handlers, as the pipeline would.</summary>
public sealed class CoverageHistory(EventStore.EventStore store)
{
    private static readonly DateTimeOffset Now = new(2024, 4, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly string[] Texts =
    [
        "小米SU7 上市发布会，21.59万起，太惊艳了，续航扎实，雷军说这是梦想的开始，真心喜欢！",
        "小米SU7 提车一周就出故障，售后态度很差，太失望了，不推荐。",
        "Xiaomi SU7 launch: the price is great and the car looks amazing, I love it.",
        "The Xiaomi SU7 delivery was delayed again and the support was terrible, really disappointed.",
        "小米SU7 今天在北京开始交付。",
    ];

    private readonly ExtractContent _extract = new(store, ContentExtractor.CreateDefault());
    private readonly ScoreSentiment _score = new(store, SentimentClassifier.LoadDefault());

    /// <summary>Extracted items, each with a different text from a small mix of positive, negative and plain ones.</summary>
    public static IReadOnlyList<CoverageIngested> Items(string prefix, int count) =>
        Enumerable.Range(1, count).Select(i =>
        {
            var received = SampleCoverage.Item($"{prefix}-{i:D4}") with { Text = $"{Texts[i % Texts.Length]} #{prefix}{i}" };
            return new CoverageIngested(
                CoverageIdentity.For(received.Platform, received.PlatformId, received.Url),
                received.Platform, received.PlatformId, received.Url, received.Title, received.Text, received.Author,
                received.PublishedAt, received.Engagement, received.Hashtags, received.Region, received.Feed, Now);
        }).ToArray();

    /// <summary>Extracts and scores the items with the shipped model; returns their stream ids.</summary>
    public async Task<IReadOnlyList<Guid>> ScoredAsync(string prefix, int count)
    {
        var extracted = await ExtractedAsync(prefix, count);
        await _score.HandleAsync(extracted, default);
        var streams = extracted.Select(e => e.CoverageId).ToArray();
        await VisibleInLogAsync(streams, MonitorEventTypes.SentimentScored);
        return streams;
    }

    /// <summary>Extracts the items but leaves them unscored, as when the sentiment stage lags.</summary>
    public async Task<IReadOnlyList<ContentExtracted>> ExtractedAsync(string prefix, int count)
    {
        var items = Items(prefix, count);
        await _extract.HandleAsync(items, default);
        await VisibleInLogAsync(items.Select(i => i.CoverageId).ToArray(), MonitorEventTypes.ContentExtracted);
        var extractor = ContentExtractor.CreateDefault();
        return items.Select(extractor.Extract).ToArray();
    }

    /// <summary>
    /// Waits until the global log shows the streams' events: a rescore reads only up to Marten's high water mark.
    /// </summary>
    private async Task VisibleInLogAsync(IReadOnlyCollection<Guid> streams, string eventType)
    {
        var visible = await Until.HoldsAsync(async () =>
        {
            await store.AdvanceHighWaterMarkAsync();
            var seen = (await store.ReadAllAsync(GlobalPosition.Start, 100_000, includeArchived: false, eventTypes: [eventType])).Select(e => e.StreamId).ToHashSet();
            return streams.All(seen.Contains);
        }, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(50));
        if (!visible) throw new TimeoutException($"the {eventType} events of {streams.Count} streams did not become readable within 20 s");
    }

    public Task ScoreAsync(IReadOnlyList<ContentExtracted> items) => _score.HandleAsync(items, default);
}
