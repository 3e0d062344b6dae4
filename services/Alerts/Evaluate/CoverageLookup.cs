using Marten;
using Monitor.Alerts.Rules;
using Monitor.Contracts;
using Monitor.Hosting.Storage;

namespace Monitor.Alerts.Evaluate;

/// <summary>
/// Joins scored items with what the rules and alerts need from earlier in their streams: the link
/// (CoverageIngested, with when it was stored), the language and text (ContentExtracted) and a person's correction
/// of the label (SentimentCorrected, the latest one), which the rules judge the item by instead of the model's. One Marten query per batch.
/// </summary>
public sealed class CoverageLookup(EventStore.EventStore store)
{
    public async Task<IReadOnlyList<ScoredItem>> JoinAsync(IReadOnlyList<SentimentScored> scored, bool withText, CancellationToken ct)
    {
        var ids = scored.Select(s => s.CoverageId).Distinct().ToArray();
        var types = withText
            ? new[] { MonitorEventTypes.CoverageIngested, MonitorEventTypes.SentimentCorrected, MonitorEventTypes.ContentExtracted }
            : [MonitorEventTypes.CoverageIngested, MonitorEventTypes.SentimentCorrected];
        var urls = new Dictionary<Guid, string>();
        var ingested = new Dictionary<Guid, DateTimeOffset>();
        var texts = new Dictionary<Guid, (string Language, string Text)>();
        var corrected = new Dictionary<Guid, (DateTimeOffset At, string Label)>();
        await using (var session = store.Store.QuerySession())
        {
            var events = await session.Events.QueryAllRawEvents()
                .Where(e => ids.Contains(e.StreamId) && types.Contains(e.EventTypeName))
                .ToListAsync(ct);
            foreach (var e in events)
            {
                switch (e.Data)
                {
                    case CoverageIngested link:
                        ingested[e.StreamId] = e.Timestamp;
                        urls[e.StreamId] = link.Url ?? "";
                        break;
                    case SentimentCorrected correction:
                        if (!corrected.TryGetValue(e.StreamId, out var seen) || seen.At <= correction.At) corrected[e.StreamId] = (correction.At, correction.Label);
                        break;
                    case ContentExtracted content:
                        texts[e.StreamId] = (content.Language ?? "", content.NormalizedText ?? "");
                        break;
                }
            }
        }
        return scored.Select(s => ScoredItem.From(corrected.TryGetValue(s.CoverageId, out var c) ? s with { Label = c.Label } : s,
            texts.TryGetValue(s.CoverageId, out var t) ? t.Language : null,
            texts.TryGetValue(s.CoverageId, out var u) ? u.Text : null,
            urls.GetValueOrDefault(s.CoverageId),
            ingested.TryGetValue(s.CoverageId, out var at) ? at : null)).ToArray();
    }
}
