using Monitor.Contracts;
using Monitor.EventStore;
using Monitor.Hosting.Access;
using Monitor.Hosting.Storage;

namespace Monitor.Api.Mentions;

/// <summary>
/// Appends a person's SentimentCorrected to a coverage item's stream, at the version read. The stream, not the
/// read model, decides whether the item exists and what its label is (the read model may lag). The event id
/// follows from the version read (<see cref="CoverageEventIds.Corrected"/>), so a request sent twice at once
/// stores one event; one repeated after its correction was stored finds it standing and stores nothing.
/// </summary>
internal sealed class CorrectSentiment(EventStore.EventStore store, TimeProvider clock)
{
    /// <summary>How often an append that raced another writer of the stream (the pipeline, another person) is tried.</summary>
    private const int Attempts = 3;

    public async Task<CorrectionOutcome> CorrectAsync(Guid coverageId, string label, string? note, Caller caller, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var events = await store.ReadStreamAsync(coverageId, ct: ct);
            if (!events.Any(e => e.Data is CoverageIngested or ContentExtracted or SentimentScored)) return new(CorrectionStatus.NotFound);
            var sentiment = CoverageSentiment.Of(events);
            if (sentiment.ModelLabel is null) return new(CorrectionStatus.NotScored);
            if (sentiment.Correction is { } standing && standing.Label == label && standing.By == caller.Owner && standing.Note == note)
                return new(CorrectionStatus.Stored, standing);

            var version = events[^1].Version;
            var correction = new SentimentCorrected(coverageId, label, sentiment.Label!, sentiment.ModelLabel, sentiment.ModelVersion!,
                caller.Owner, caller.Role, clock.GetUtcNow(), note);
            var outcome = (await store.AppendBatchAsync([new StreamAppend(coverageId, MonitorEventTypes.CoverageStream, ExpectedVersion.Exactly(version),
                [new EventData(CoverageEventIds.Corrected(coverageId, version, label, caller.Owner), correction)])], ct))[0];
            switch (outcome.Status)
            {
                case AppendStatus.Appended: return new(CorrectionStatus.Stored, correction);
                case AppendStatus.Archived: return new(CorrectionStatus.NotFound);
                // The pipeline (a metrics update, a rescore) or another person appended since the read: read again.
                case AppendStatus.Conflict when attempt < Attempts: continue;
                case AppendStatus.Conflict: return new(CorrectionStatus.Conflict);
            }
            // The same request, sent twice at once, was stored by the other: the stream's correction is the answer.
            return new(CorrectionStatus.Stored, CoverageSentiment.Of(await store.ReadStreamAsync(coverageId, ct: ct)).Correction);
        }
    }
}

internal enum CorrectionStatus
{
    Stored,
    NotFound,
    NotScored,
    Conflict,
}

/// <summary>What a correction request came to: the correction that stands, or why there is none.</summary>
internal sealed record CorrectionOutcome(CorrectionStatus Status, SentimentCorrected? Correction = null);
