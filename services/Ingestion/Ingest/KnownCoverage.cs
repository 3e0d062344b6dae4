using Monitor.Contracts;
using Monitor.EventStore;

namespace Monitor.Ingestion.Ingest;

/// <summary>The counts a coverage stream holds now: the ingested counts, overwritten by each metrics update.</summary>
public sealed record KnownCoverage(Engagement Engagement, long? AuthorFollowers, DateTimeOffset? LastObservedAt)
{
    public static KnownCoverage? Fold(IEnumerable<StoredEvent> stream)
    {
        KnownCoverage? state = null;
        foreach (var stored in stream)
        {
            state = stored.Data switch
            {
                CoverageIngested e => new KnownCoverage(e.Engagement, e.Author.Followers, null),
                CoverageMetricsUpdated e when state is not null => new KnownCoverage(e.Engagement, e.AuthorFollowers, e.ObservedAt),
                _ => state,
            };
        }
        return state;
    }

    /// <summary>
    /// The metrics update an observation calls for, or null when it changes nothing. A count the
    /// source did not give (null) keeps the known value: one feed that omits views must not erase
    /// the views another feed reported. An observation older than the last one is ignored.
    /// </summary>
    public CoverageMetricsUpdated? UpdateFor(Guid coverageId, CoverageReceived seen)
    {
        if (LastObservedAt is { } last && seen.ObservedAt <= last) return null;
        var merged = new Engagement(
            seen.Engagement.Likes ?? Engagement.Likes,
            seen.Engagement.Comments ?? Engagement.Comments,
            seen.Engagement.Shares ?? Engagement.Shares,
            seen.Engagement.Views ?? Engagement.Views,
            seen.Engagement.Collects ?? Engagement.Collects);
        var followers = seen.Author.Followers ?? AuthorFollowers;
        return merged == Engagement && followers == AuthorFollowers
            ? null
            : new CoverageMetricsUpdated(coverageId, seen.Platform, merged, followers, seen.ObservedAt);
    }
}
