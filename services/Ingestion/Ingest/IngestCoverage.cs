using Monitor.Contracts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;

namespace Monitor.Ingestion.Ingest;

/// <summary>
/// Ingests validated coverage items, from the bus or from HTTP: a new item starts its stream with
/// CoverageIngested; a known item gets CoverageMetricsUpdated when its counts changed, else nothing.
/// One round trip reads the state of every stream of the batch, one more the events of the known ones,
/// and one appends to all of them.
/// </summary>
public sealed class IngestCoverage(EventStore.EventStore store, TimeProvider clock, ILogger<IngestCoverage> logger)
{
    private const int ConflictRounds = 5;

    public async Task<IngestSummary> HandleAsync(IReadOnlyList<CoverageReceived> items, CancellationToken ct)
    {
        var pending = items.Select(item => new Pending(CoverageIdentity.For(item.Platform, item.PlatformId, item.Url), item)).ToList();
        var summary = IngestSummary.Empty;
        // The same item twice in one batch: the first sighting goes in this pass, the next one in a
        // later pass (where it is "known"), so one append never carries two writes to a stream.
        while (pending.Count > 0)
        {
            var seen = new HashSet<Guid>();
            var now = new List<Pending>();
            var later = new List<Pending>();
            foreach (var p in pending) (seen.Add(p.CoverageId) ? now : later).Add(p);
            summary += await IngestDistinctAsync(now, ct);
            pending = later;
        }
        return summary;
    }

    private async Task<IngestSummary> IngestDistinctAsync(List<Pending> items, CancellationToken ct)
    {
        var summary = IngestSummary.Empty with { Accepted = items.Count };
        for (var round = 1; items.Count > 0; round++)
        {
            var states = await store.FetchStreamStatesAsync(items.Select(i => i.CoverageId).ToArray(), ct);
            var (appends, unchanged) = await PlanAsync(items, states, ct);
            summary = summary with { Unchanged = summary.Unchanged + unchanged };
            if (appends.Count == 0) break;

            var outcomes = await store.AppendBatchAsync(appends.Select(a => a.Append).ToArray(), ct);
            var isNew = appends.ToDictionary(a => a.Append.StreamId, a => a.IsNew);
            var conflicted = new HashSet<Guid>();
            foreach (var outcome in outcomes)
            {
                switch (outcome.Status)
                {
                    case AppendStatus.Appended when isNew[outcome.StreamId]: summary = summary with { Ingested = summary.Ingested + 1 }; break;
                    case AppendStatus.Appended: summary = summary with { Updated = summary.Updated + 1 }; break;
                    case AppendStatus.Duplicate: summary = summary with { Unchanged = summary.Unchanged + 1 }; break;
                    case AppendStatus.Conflict: conflicted.Add(outcome.StreamId); break;
                }
            }
            // Another writer got to the stream first (a concurrent ingest of the same item, or a
            // metrics update in between): read its state again and decide anew, as a known item.
            items = items.Where(i => conflicted.Contains(i.CoverageId)).ToList();
            if (items.Count > 0 && round == ConflictRounds)
                throw new InvalidOperationException(
                    $"{items.Count} coverage stream(s) kept changing under ingestion for {ConflictRounds} rounds, e.g. {items[0].CoverageId}");
            if (items.Count > 0)
                logger.LogInformation("{Count} coverage stream(s) were written concurrently; ingesting them again as known items", items.Count);
        }
        return summary;
    }

    private async Task<(List<PlannedAppend> Appends, int Unchanged)> PlanAsync(
        List<Pending> items, IReadOnlyDictionary<Guid, StreamState> states, CancellationToken ct)
    {
        var appends = new List<PlannedAppend>(items.Count);
        var ingestedAt = clock.GetUtcNow();
        foreach (var item in items.Where(i => !states.ContainsKey(i.CoverageId)))
        {
            var ingested = ToIngested(item.CoverageId, item.Item, ingestedAt);
            appends.Add(new PlannedAppend(true, new StreamAppend(item.CoverageId, MonitorEventTypes.CoverageStream, ExpectedVersion.NoStream,
                [new EventData(CoverageEventIds.Ingested(item.CoverageId), ingested)])));
        }

        var known = items.Where(i => states.ContainsKey(i.CoverageId)).ToList();
        if (known.Count == 0) return (appends, 0);
        var streams = await store.ReadStreamsAsync(known.Select(i => i.CoverageId).ToArray(), ct);
        var unchanged = 0;
        foreach (var item in known)
        {
            // Folded up to the version the plan appends after: a later event (a concurrent writer's)
            // makes the append conflict, and the next round decides again on the newer state.
            var version = states[item.CoverageId].Version;
            var update = KnownCoverage.Fold(streams[item.CoverageId].Where(e => e.Version <= version))?.UpdateFor(item.CoverageId, item.Item);
            if (update is null)
            {
                unchanged++;
                continue;
            }
            appends.Add(new PlannedAppend(false, new StreamAppend(item.CoverageId, MonitorEventTypes.CoverageStream,
                ExpectedVersion.Exactly(version), [new EventData(CoverageEventIds.MetricsUpdated(item.CoverageId, version), update)])));
        }
        return (appends, unchanged);
    }

    private static CoverageIngested ToIngested(Guid coverageId, CoverageReceived item, DateTimeOffset ingestedAt) => new(
        coverageId,
        item.Platform,
        item.PlatformId.Trim(),
        item.Url.Trim(),
        string.IsNullOrWhiteSpace(item.Title) ? null : item.Title.Trim(),
        item.Text,
        item.Author,
        item.PublishedAt.ToUniversalTime(),
        item.Engagement,
        (item.Hashtags ?? []).Select(h => h.Trim().Trim('#').Trim()).Where(h => h.Length > 0).Distinct().ToArray(),
        string.IsNullOrWhiteSpace(item.Region) ? null : item.Region.Trim(),
        item.Feed,
        ingestedAt);

    private sealed record Pending(Guid CoverageId, CoverageReceived Item);

    private sealed record PlannedAppend(bool IsNew, StreamAppend Append);
}
