using Marten;
using Monitor.Alerts.Evaluate;
using Monitor.Alerts.Rules;
using Monitor.Alerts.Subscriptions;
using Monitor.Contracts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;

namespace Monitor.Alerts.Startup;

/// <summary>
/// Reads the event log for rebuilding state: the events of some types (subscriptions, alerts: few), and the
/// scored items of a stretch of time, read in pages from where that stretch begins, never the whole log.
/// </summary>
public sealed class History(EventStore.EventStore store, CoverageLookup lookup, TimeProvider clock, ILogger<History> logger)
{
    public const int Page = 1_000;

    /// <summary>
    /// An item is stored after it is published, so one published at or after <c>from</c> is stored at or after it
    /// too; the margin covers sources whose clocks run ahead (items "published" a little in the future).
    /// </summary>
    public static readonly TimeSpan ClockMargin = TimeSpan.FromHours(1);

    /// <summary>
    /// Every stored event of these types, including those committed after an older transaction that is still open:
    /// the state is loaded once, so nothing may be left for a later read.
    /// </summary>
    public Task<IReadOnlyList<StoredEvent>> ReadAsync(IReadOnlyCollection<string> types, CancellationToken ct) =>
        store.ReadAllCommittedAsync(types, includeArchived: false, ct);

    /// <summary>Items published in [from, to), oldest first, with their links (and text when asked).</summary>
    public async Task<IReadOnlyList<ScoredItem>> ScoredBetweenAsync(DateTimeOffset from, DateTimeOffset to, bool withText, CancellationToken ct)
    {
        var storedFrom = from == DateTimeOffset.MinValue ? from : from - ClockMargin;
        var items = new List<ScoredItem>();
        long after = 0;
        var pages = 0;
        while (true)
        {
            var (scored, last) = await PageAsync(storedFrom, after, ct);
            var wanted = scored.Where(s => s.PublishedAt >= from && s.PublishedAt < to).ToArray();
            if (wanted.Length > 0) items.AddRange(await lookup.JoinAsync(wanted, withText, ct));
            pages++;
            if (pages % 10 == 0)
                logger.LogInformation("History since {From:O}: {Pages} pages read, {Items} items kept so far", from, pages, items.Count);
            if (scored.Count < Page) break;
            after = last;
        }
        return items.OrderBy(i => i.PublishedAt).ToArray();
    }

    /// <summary>Items published within <paramref name="lookback"/> of now, oldest first, with their links and text.</summary>
    public async Task<IReadOnlyList<ScoredItem>> RecentScoredAsync(TimeSpan lookback, bool withText, CancellationToken ct) =>
        (await RecentAsync(lookback, withText, ct)).Items;

    /// <summary>Items published within <paramref name="lookback"/> of now, with where that stretch begins.</summary>
    public async Task<HistorySpan> RecentAsync(TimeSpan lookback, bool withText, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (lookback <= TimeSpan.Zero) return new HistorySpan([], now, now);
        return new HistorySpan(await ScoredBetweenAsync(now - lookback, DateTimeOffset.MaxValue, withText, ct), now - lookback, now);
    }

    /// <summary>One page of SentimentScored stored at or after <paramref name="storedFrom"/>, after the sequence number <paramref name="after"/>.</summary>
    private async Task<(IReadOnlyList<SentimentScored> Page, long Last)> PageAsync(DateTimeOffset storedFrom, long after, CancellationToken ct)
    {
        await using var session = store.Store.QuerySession();
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.EventTypeName == MonitorEventTypes.SentimentScored && e.Sequence > after && e.Timestamp >= storedFrom)
            .OrderBy(e => e.Sequence).Take(Page)
            .ToListAsync(ct);
        return (events.Select(e => e.Data).OfType<SentimentScored>().ToArray(), events.Count > 0 ? events[^1].Sequence : after);
    }
}
