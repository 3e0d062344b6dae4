using Monitor.Contracts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;
using Monitor.TextAnalysis;

namespace Monitor.Extraction.Extract;

/// <summary>
/// Reads language, entities, hashtags, keywords and the near-duplicate key out of ingested items and
/// appends ContentExtracted to each item's stream, all streams in one round trip. The event id
/// is derived from the coverage id, so a redelivered CoverageIngested appends nothing new.
/// </summary>
public sealed class ExtractContent(EventStore.EventStore store, ContentExtractor extractor)
{
    public async Task<StageSummary> HandleAsync(IReadOnlyList<CoverageIngested> items, CancellationToken ct)
    {
        var appends = items
            .DistinctBy(item => item.CoverageId)
            .Select(item => new StreamAppend(item.CoverageId, MonitorEventTypes.CoverageStream, ExpectedVersion.Any,
                [new EventData(CoverageEventIds.Extracted(item.CoverageId), extractor.Extract(item))]))
            .ToArray();
        return StageSummary.Of(await store.AppendBatchAsync(appends, ct));
    }
}
