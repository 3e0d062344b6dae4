using Monitor.Contracts;
using Monitor.EventStore;

namespace Monitor.Ingestion.Ingest;

/// <summary>
/// The counts a coverage stream holds now and the observation they are from: the ingested counts,
/// overwritten by each metrics update. Folded from the stream's events each time ingestion decides,
/// never cached.
/// </summary>
public sealed record KnownCoverage(Engagement Engagement, long? AuthorFollowers, DateTimeOffset? LastObservedAt)
{
    public static KnownCoverage? Fold(IEnumerable<StoredEvent> stream)
    {
        KnownCoverage? state = null;
        foreach (var stored in stream)
        {
            state = stored.Data switch
            {
                CoverageIngested e => new KnownCoverage(e.Engagement, e.Author.Followers, e.ObservedAt),
                CoverageMetricsUpdated e when state is not null => new KnownCoverage(e.Engagement, e.AuthorFollowers, e.ObservedAt),
                _ => state,
            };
        }
        return state;
    }

    /// <summary>
    /// The metrics update an observation calls for, or null when it changes nothing. A count the
    /// source did not give (null) keeps the known value: one feed that omits views must not erase
    /// the views another feed reported. An observation not newer than the last one is never stored
    /// (see <see cref="IsOutdated"/>), so the stream's latest counts are always its newest observation's.
    /// </summary>
    public CoverageMetricsUpdated? UpdateFor(Guid coverageId, CoverageReceived seen)
    {
        var (merged, followers) = Merge(seen);
        if (merged == Engagement && followers == AuthorFollowers || IsOutdated(seen)) return null;
        return new CoverageMetricsUpdated(coverageId, seen.Platform, merged, followers, seen.ObservedAt);
    }

    /// <summary>
    /// True when the stream already holds a newer observation than <paramref name="seen"/>, or one as
    /// old with larger counts (two sightings stamped with one time, as a sample corpus or one crawl
    /// gives them: the larger counts win whichever arrives first, so sending both again changes
    /// nothing): its counts are not stored. An observation that repeats the stored counts is not
    /// outdated but unchanged.
    /// </summary>
    public bool IsOutdated(CoverageReceived seen)
    {
        if (LastObservedAt is not { } last || seen.ObservedAt > last) return false;
        if (seen.ObservedAt < last) return true;
        var (merged, followers) = Merge(seen);
        return Total(merged, followers) < Total(Engagement, AuthorFollowers)
               || Total(merged, followers) == Total(Engagement, AuthorFollowers) && (merged, followers) != (Engagement, AuthorFollowers);
    }

    private static decimal Total(Engagement e, long? followers) =>
        (decimal)(e.Likes ?? 0) + (e.Comments ?? 0) + (e.Shares ?? 0) + (e.Views ?? 0) + (e.Collects ?? 0) + (followers ?? 0);

    private (Engagement Engagement, long? Followers) Merge(CoverageReceived seen) => (
        new Engagement(
            seen.Engagement.Likes ?? Engagement.Likes,
            seen.Engagement.Comments ?? Engagement.Comments,
            seen.Engagement.Shares ?? Engagement.Shares,
            seen.Engagement.Views ?? Engagement.Views,
            seen.Engagement.Collects ?? Engagement.Collects),
        seen.Author.Followers ?? AuthorFollowers);
}
