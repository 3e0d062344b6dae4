using Monitor.Contracts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;

namespace Monitor.Ingestion.Ingest;

/// <summary>
/// Ingests validated coverage items, from the bus or from HTTP: a new item starts its stream with
/// CoverageIngested; a known item gets CoverageMetricsUpdated when its counts changed, else nothing.
/// One round trip reads the state of every stream of the batch, one more the events of the known ones,
/// and one appends to all of them, each at the version its decision was made on. A stream written in
/// between is decided again (bounded, then <see cref="CoverageContendedException"/>). The counts kept
/// are the newest observation's: an older observation that arrives late is reported outdated.
/// </summary>
public sealed class IngestCoverage(EventStore.EventStore store, TimeProvider clock, ILogger<IngestCoverage> logger)
{
    /// <summary>
    /// How often one call decides again after losing a race for a stream. Each round some writer wins,
    /// and a loser that then finds a newer observation stored is done; so even hundreds of concurrent
    /// writers of one item settle well within this.
    /// </summary>
    private const int ConflictRounds = 40;

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
            var plan = await PlanAsync(items, states, ct);
            summary = summary with { Unchanged = summary.Unchanged + plan.Unchanged, Outdated = summary.Outdated + plan.Outdated };
            if (plan.Appends.Count == 0) break;

            var outcomes = await store.AppendBatchAsync(plan.Appends.Select(a => a.Append).ToArray(), ct);
            var isNew = plan.Appends.ToDictionary(a => a.Append.StreamId, a => a.IsNew);
            var decideAgain = new HashSet<Guid>();
            foreach (var outcome in outcomes)
            {
                switch (outcome.Status)
                {
                    case AppendStatus.Appended when isNew[outcome.StreamId]: summary = summary with { Ingested = summary.Ingested + 1 }; break;
                    case AppendStatus.Appended: summary = summary with { Updated = summary.Updated + 1 }; break;
                    // This very observation was stored after this very version (a redelivery).
                    case AppendStatus.Duplicate when !isNew[outcome.StreamId]: summary = summary with { Unchanged = summary.Unchanged + 1 }; break;
                    // The item's first event is stored, by this observation or another one: only the
                    // stream can tell whether these counts are in it, so decide again as a known item.
                    case AppendStatus.Duplicate: decideAgain.Add(outcome.StreamId); break;
                    case AppendStatus.Conflict: decideAgain.Add(outcome.StreamId); break;
                }
            }
            // Another writer got to the stream first (a concurrent ingest of the same item, or a
            // metrics update in between): read its state again and decide anew, as a known item.
            items = items.Where(i => decideAgain.Contains(i.CoverageId)).ToList();
            if (items.Count == 0) break;
            if (round == ConflictRounds) throw new CoverageContendedException(items.Count, items[0].CoverageId, ConflictRounds);
            logger.LogDebug("{Count} coverage stream(s) were written concurrently; deciding again (round {Round})", items.Count, round + 1);
            // Jittered and growing, so racing writers of one stream stop meeting at the same version.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, Math.Min(10 * round, 200))), ct);
        }
        return summary;
    }

    private async Task<Plan> PlanAsync(List<Pending> items, IReadOnlyDictionary<Guid, StreamState> states, CancellationToken ct)
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
        if (known.Count == 0) return new Plan(appends, 0, 0);
        var streams = await store.ReadStreamsAsync(known.Select(i => i.CoverageId).ToArray(), ct);
        int unchanged = 0, outdated = 0;
        foreach (var item in known)
        {
            // Folded up to the version the plan appends after: a later event (a concurrent writer's)
            // makes the append conflict, and the next round decides again on the newer state.
            var version = states[item.CoverageId].Version;
            var state = KnownCoverage.Fold(streams[item.CoverageId].Where(e => e.Version <= version));
            var update = state?.UpdateFor(item.CoverageId, item.Item);
            if (update is null)
            {
                if (state?.IsOutdated(item.Item) == true) outdated++;
                else unchanged++;
                continue;
            }
            appends.Add(new PlannedAppend(false, new StreamAppend(item.CoverageId, MonitorEventTypes.CoverageStream,
                ExpectedVersion.Exactly(version), [new EventData(CoverageEventIds.MetricsUpdated(item.CoverageId, version, update), update)])));
        }
        return new Plan(appends, unchanged, outdated);
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
        ingestedAt,
        item.ObservedAt.ToUniversalTime());

    private sealed record Pending(Guid CoverageId, CoverageReceived Item);

    private sealed record PlannedAppend(bool IsNew, StreamAppend Append);

    private sealed record Plan(List<PlannedAppend> Appends, int Unchanged, int Outdated);
}
