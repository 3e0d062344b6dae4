using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Contracts;
using Monitor.EventStore;
using Monitor.Extraction.Extract;
using Monitor.Hosting.Storage;
using Monitor.Ingestion.Ingest;
using Monitor.Platforms;
using Monitor.Sentiment.Score;
using Monitor.SentimentModel;
using Monitor.TextAnalysis;
using Monitor.Testing;

namespace Monitor.Dashboard.Tests.Infrastructure;

/// <summary>
/// Puts samples/su7 into a store the way the pipeline would: ingestion, extraction and sentiment
/// through the stages' own handlers, in-process (a few seconds instead of the services' round trips).
/// </summary>
public static class Su7Sample
{
    private static readonly DateTimeOffset ObservedAt = new(2024, 8, 10, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Loads the corpus; returns the coverage items as ingested (one per stream).</summary>
    public static async Task<IReadOnlyList<CoverageIngested>> LoadAsync(EventStore.EventStore store, CancellationToken ct)
    {
        var corpus = SampleCorpus.Load(Path.Combine(RepositoryRoot.Path, SampleCorpus.RepositoryPath), ObservedAt);
        if (corpus.Items.Count == 0) throw new InvalidOperationException($"{SampleCorpus.RepositoryPath} holds no coverage items");

        var ingest = new IngestCoverage(store, TimeProvider.System, NullLogger<IngestCoverage>.Instance);
        await ingest.HandleAsync(corpus.Items, ct);
        var ingested = await ReadIngestedAsync(store, corpus.DistinctCount, ct);

        var extractor = ContentExtractor.CreateDefault();
        await new ExtractContent(store, extractor).HandleAsync(ingested, ct);
        // Extraction is deterministic: what the stage appended is what the extractor gives again.
        var extracted = ingested.Select(extractor.Extract).ToArray();
        await new ScoreSentiment(store, SentimentClassifier.LoadDefault()).HandleAsync(extracted, ct);
        return ingested;
    }

    /// <summary>
    /// The CoverageIngested events back from the global log, up to the high water mark this process advances.
    /// </summary>
    private static async Task<IReadOnlyList<CoverageIngested>> ReadIngestedAsync(EventStore.EventStore store, int expected, CancellationToken ct)
    {
        IReadOnlyList<CoverageIngested> ingested = [];
        var complete = await Until.HoldsAsync(async () =>
        {
            await store.AdvanceHighWaterMarkAsync(ct);
            var events = await store.ReadAllAsync(GlobalPosition.Start, 100_000, false, [MonitorEventTypes.CoverageIngested], ct);
            ingested = events.Select(e => (CoverageIngested)e.Data).ToArray();
            return ingested.Count >= expected;
        }, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));
        if (!complete) throw new TimeoutException($"only {ingested.Count} of {expected} ingested sample items became readable within 30 s");
        return ingested;
    }
}
