using System.Diagnostics;
using Monitor.Contracts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;
using Monitor.SentimentModel;

namespace Monitor.Cli.Sentiment.Rescore;

/// <summary>
/// Scores the stored history again with another model version and appends a SentimentRescored to
/// every scored coverage stream, next to the scores it already holds. Runs while the pipeline runs.
/// </summary>
public sealed class SentimentRescorer(EventStore.EventStore store, SentimentClassifier model)
{
    /// <summary>As many phrases as the sentiment service keeps with a first score.</summary>
    public const int TopPhrases = 5;

    private readonly ScoredHistory _history = new(store);

    /// <summary>Extracted-text events read per page (and streams appended to per batch).</summary>
    public int PageSize { get; init; } = 500;

    public string ModelVersion => model.Version;

    /// <summary>
    /// Derived from the stream and the model version, so that running the rescore again appends
    /// nothing, an interrupted run resumes where it stopped, and two runs at once cannot both append.
    /// </summary>
    public static Guid EventIdFor(Guid coverageId, string modelVersion) =>
        CoverageIdentity.NameBased(coverageId, "sentiment-rescored:" + modelVersion);

    /// <summary>The history a run started now would rescore.</summary>
    public Task<RescoreHistory> MeasureAsync(CancellationToken ct = default) => _history.MeasureAsync(ct);

    public async Task<RescoreSummary> RunAsync(bool dryRun, IProgress<RescoreProgress>? progress = null, CancellationToken ct = default) =>
        await RunAsync(await MeasureAsync(ct), dryRun, progress, ct);

    public async Task<RescoreSummary> RunAsync(RescoreHistory history, bool dryRun, IProgress<RescoreProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (PageSize < 1) throw new ArgumentOutOfRangeException(nameof(PageSize), PageSize, "A rescore page holds at least one event.");
        var clock = Stopwatch.StartNew();
        var tally = new RescoreTally();
        var after = GlobalPosition.Start;
        progress?.Report(new RescoreProgress(0, history.Streams));

        // Pages are keyed by log position, not by offset: the pipeline appends while we read, and
        // a position stays put where an offset would shift.
        while (history.Streams > 0 && after < history.Until)
        {
            var page = await store.ReadAllAsync(after, PageSize, includeArchived: false, [MonitorEventTypes.ContentExtracted], ct);
            var inHistory = page.Where(e => e.Position <= history.Until).ToArray();
            if (inHistory.Length == 0) break;
            await RescorePageAsync(inHistory, dryRun, tally, ct);
            after = inHistory[^1].Position;
            progress?.Report(new RescoreProgress(Math.Min(tally.Examined, history.Streams), history.Streams));
            if (inHistory.Length < page.Count) break;
        }
        return tally.ToSummary(model.Version, dryRun, clock.Elapsed);
    }

    private async Task RescorePageAsync(IReadOnlyList<StoredEvent> page, bool dryRun, RescoreTally tally, CancellationToken ct)
    {
        var items = page
            .Select(e => (Stream: e.StreamId, Item: (ContentExtracted)e.Data))
            .DistinctBy(e => e.Stream)
            .ToArray();
        tally.Examined += items.Length;
        var ids = items.ToDictionary(e => e.Stream, e => EventIdFor(e.Stream, model.Version));
        var current = await _history.CurrentScoresAsync(ids, ct);

        var planned = new List<(Guid Stream, SentimentRescored Event)>(items.Length);
        foreach (var (stream, item) in items)
        {
            // A stream the pipeline has not scored yet is left to it: a rescore appended first
            // would be followed by the pipeline's older-model score, which would then read as current.
            if (!current.TryGetValue(stream, out var score)) tally.AwaitingFirstScore++;
            else if (score.IsAt(model.Version)) tally.AlreadyAtVersion++;
            else planned.Add((stream, Rescore(item, score)));
        }
        if (planned.Count == 0) return;

        if (dryRun)
        {
            foreach (var (_, rescored) in planned) tally.Rescored(rescored);
            return;
        }

        var outcomes = await store.AppendBatchAsync(planned
            .Select(p => new StreamAppend(p.Stream, MonitorEventTypes.CoverageStream, ExpectedVersion.Any,
                [new EventData(EventIdFor(p.Stream, model.Version), p.Event)]))
            .ToArray(), ct);
        for (var i = 0; i < outcomes.Count; i++)
        {
            switch (outcomes[i].Status)
            {
                case AppendStatus.Appended: tally.Rescored(planned[i].Event); break;
                case AppendStatus.Duplicate: tally.AlreadyAtVersion++; break; // a concurrent run got there first
                case AppendStatus.Archived: tally.Archived++; break;
                default:
                    throw new EventStoreException(
                        $"Appending a rescore to coverage stream {outcomes[i].StreamId} returned {outcomes[i].Status} although any version was expected.");
            }
        }
    }

    private SentimentRescored Rescore(ContentExtracted item, CurrentScore previous)
    {
        var prediction = model.Predict(item.NormalizedText, TopPhrases);
        return new SentimentRescored(
            item.CoverageId,
            item.Platform,
            item.PublishedAt,
            prediction.Label,
            prediction.Score,
            prediction.Confidence,
            prediction.ModelVersion,
            previous.ModelVersion,
            previous.Label,
            prediction.TopPhrases.Select(p => new SentimentPhrase(p.Phrase, p.Weight)).ToArray(),
            item.Entities.Select(e => e.Id).Distinct().ToArray(),
            item.Reach);
    }
}
