using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Monitor.Contracts;
using Monitor.Feeds.Sdk.Configuration;
using Monitor.Feeds.Sdk.Journal;
using Monitor.Feeds.Sdk.Publishing;
using Monitor.Platforms;

namespace Monitor.Feeds.Sdk.Polling;

/// <summary>
/// One poll cycle: fetch the page after the cursor, publish its items, quarantine its bad items,
/// then advance the cursor; repeat until the feed says the cycle is done or MaxPages is reached.
/// A page the feed refused whole (<see cref="FeedPage.Refused"/>) is quarantined and counted like the
/// others, logged and counted in <c>monitor.feed.pages_refused</c>, and the cycle goes on past it.
/// </summary>
/// <remarks>
/// Order matters. The cursor moves only after the broker confirmed every item of the page. A crash
/// after publishing but before the cursor event means the next run fetches the same page again and
/// publishes it again; ingestion derives the stream id from the item's identity at its source, so
/// the second copy is a no-op (or a metrics update if the counts moved). Hence: no gaps (nothing is
/// skipped that was not confirmed) and no duplicates (what is sent twice is stored once).
/// </remarks>
public sealed class FeedPoller(
    IFeedSource source,
    IFeedJournal journal,
    ICoveragePublisher publisher,
    FeedSettings settings,
    TimeProvider time,
    ILogger<FeedPoller> logger)
{
    private static readonly Meter Meter = new("Monitor.Feeds");
    private static readonly Counter<long> PublishedCounter = Meter.CreateCounter<long>("monitor.feed.published");
    private static readonly Counter<long> QuarantinedCounter = Meter.CreateCounter<long>("monitor.feed.quarantined");
    private static readonly Counter<long> PagesRefusedCounter = Meter.CreateCounter<long>("monitor.feed.pages_refused");

    /// <summary>How long a fetched page may take to be published and recorded once shutdown began.</summary>
    public static readonly TimeSpan FinishPageGrace = TimeSpan.FromSeconds(15);

    public async Task<CycleResult> RunCycleAsync(CancellationToken stopping)
    {
        int pages = 0, published = 0, quarantined = 0, refused = 0;
        string? lastRefused = null;
        // A keyword search reads up to MaxPages pages per keyword, plus one page of watched items;
        // other feeds up to MaxPages in all.
        var pageLimit = settings.MaxPages * Math.Max(1, settings.Keywords.Count) + (settings.Items.Count > 0 ? 1 : 0);
        while (pages < pageLimit)
        {
            stopping.ThrowIfCancellationRequested();
            var from = journal.Cursor;
            var page = Checked(await source.FetchPageAsync(from, new FeedContext(settings.Name, time.GetUtcNow()), stopping));
            pages++;

            // A page that was fetched is finished even when shutdown starts now, within a bound:
            // leaving it half done would only make the next start fetch it again.
            using var finishing = new CancellationTokenSource(FinishPageGrace);
            await publisher.PublishAsync(page.Items, finishing.Token);
            await QuarantineAsync(page, from, finishing.Token);
            await journal.AdvanceAsync(
                new FeedCursorAdvanced(settings.Name, from, page.Next, page.Items.Count, page.Rejected.Count, time.GetUtcNow()),
                finishing.Token);

            published += page.Items.Count;
            quarantined += page.Rejected.Count;
            PublishedCounter.Add(page.Items.Count, new KeyValuePair<string, object?>("feed", settings.Name));
            if (page.Refused is { } reason)
            {
                refused++;
                lastRefused = reason;
                PagesRefusedCounter.Add(1, new KeyValuePair<string, object?>("feed", settings.Name));
                logger.LogWarning("Feed {Feed} refused a page and reads on: {Reason}", settings.Name, reason);
            }
            if (page.IsLast) break;
        }
        return new CycleResult(pages, published, quarantined, refused, lastRefused);
    }

    /// <summary>
    /// An item no reader checked (a lone surrogate, a NUL, a placeholder date) would fail the publish and with it
    /// the page; it is quarantined here instead, with the field it failed on.
    /// </summary>
    private static FeedPage Checked(FeedPage page)
    {
        if (page.Items.All(item => CoverageCheck.Problem(item) is null)) return page;
        var items = new List<CoverageReceived>(page.Items.Count);
        var rejected = new List<RejectedItem>(page.Rejected);
        foreach (var item in page.Items)
        {
            if (CoverageCheck.Problem(item) is { } problem)
                rejected.Add(new RejectedItem(UnicodeText.Repaired(item.PlatformId ?? ""), $"{item.Platform}: {problem}", JsonSerializer.Serialize(item)));
            else items.Add(item);
        }
        return page with { Items = items, Rejected = rejected };
    }

    private async Task QuarantineAsync(FeedPage page, string? cursor, CancellationToken cancellationToken)
    {
        if (page.Rejected.Count == 0) return;
        var now = time.GetUtcNow();
        foreach (var rejected in page.Rejected)
            logger.LogWarning("Feed {Feed} quarantined item {PlatformId}: {Reason}", settings.Name, rejected.PlatformId ?? "(no id)", rejected.Reason);
        QuarantinedCounter.Add(page.Rejected.Count, new KeyValuePair<string, object?>("feed", settings.Name));
        await journal.QuarantineAsync(
            page.Rejected.Select(r => new FeedItemQuarantined(settings.Name, source.Platform, r.PlatformId, r.Reason, r.Raw, cursor, now)).ToArray(),
            cancellationToken);
    }
}
