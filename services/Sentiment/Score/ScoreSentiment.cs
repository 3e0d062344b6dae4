using Monitor.Contracts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;
using Monitor.SentimentModel;

namespace Monitor.Sentiment.Score;

/// <summary>
/// Scores the normalised text of extracted items and appends SentimentScored (label, score,
/// confidence, model version, the phrases that drove it) to each stream, all in one round trip.
/// The event id is derived from the coverage id, so a redelivered ContentExtracted appends nothing.
/// </summary>
public sealed class ScoreSentiment(EventStore.EventStore store, SentimentClassifier classifier)
{
    public const int TopPhrases = 5;

    public async Task<StageSummary> HandleAsync(IReadOnlyList<ContentExtracted> items, CancellationToken ct)
    {
        var appends = items
            .DistinctBy(item => item.CoverageId)
            .Select(item => new StreamAppend(item.CoverageId, MonitorEventTypes.CoverageStream, ExpectedVersion.Any,
                [new EventData(CoverageEventIds.Scored(item.CoverageId), Score(item))]))
            .ToArray();
        return StageSummary.Of(await store.AppendBatchAsync(appends, ct));
    }

    public SentimentScored Score(ContentExtracted item)
    {
        var prediction = classifier.Predict(item.NormalizedText, TopPhrases);
        return new SentimentScored(
            item.CoverageId,
            item.Platform,
            item.PublishedAt,
            prediction.Label,
            prediction.Score,
            prediction.Confidence,
            prediction.ModelVersion,
            prediction.TopPhrases.Select(p => new SentimentPhrase(p.Phrase, p.Weight)).ToArray(),
            item.Entities.Select(e => e.Id).Distinct().ToArray(),
            item.Reach);
    }
}
