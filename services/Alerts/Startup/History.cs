using Monitor.Alerts.Evaluate;
using Monitor.Alerts.Rules;
using Monitor.Contracts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;

namespace Monitor.Alerts.Startup;

/// <summary>Reads the event log for rebuilding state: events of some types, and the scored items of a recent stretch.</summary>
public sealed class History(EventStore.EventStore store, CoverageLookup lookup, TimeProvider clock)
{
    private const int Page = 1_000;

    public async Task<IReadOnlyList<StoredEvent>> ReadAsync(IReadOnlyCollection<string> types, CancellationToken ct)
    {
        var events = new List<StoredEvent>();
        var after = GlobalPosition.Start;
        while (true)
        {
            var page = await store.ReadAllAsync(after, Page, includeArchived: false, types, ct);
            events.AddRange(page);
            if (page.Count < Page) return events;
            after = page[^1].Position;
        }
    }

    /// <summary>Items published in [from, to), oldest first, with their links and text.</summary>
    public async Task<IReadOnlyList<ScoredItem>> ScoredBetweenAsync(DateTimeOffset from, DateTimeOffset to, bool withText, CancellationToken ct)
    {
        var scored = (await ReadAsync([MonitorEventTypes.SentimentScored], ct))
            .Select(e => e.Data).OfType<SentimentScored>()
            .Where(s => s.PublishedAt >= from && s.PublishedAt < to)
            .ToArray();
        var items = new List<ScoredItem>(scored.Length);
        foreach (var chunk in scored.Chunk(Page))
            items.AddRange(await lookup.JoinAsync(chunk, withText, ct));
        return items.OrderBy(i => i.PublishedAt).ToArray();
    }

    /// <summary>Items published within <paramref name="lookback"/> of now, oldest first, with their links and text.</summary>
    public async Task<IReadOnlyList<ScoredItem>> RecentScoredAsync(TimeSpan lookback, bool withText, CancellationToken ct)
    {
        if (lookback <= TimeSpan.Zero) return [];
        var now = clock.GetUtcNow();
        return await ScoredBetweenAsync(now - lookback, DateTimeOffset.MaxValue, withText, ct);
    }
}
