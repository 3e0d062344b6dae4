using System.Globalization;
using Monitor.Contracts;
using Monitor.Feeds.Sdk;
using Monitor.Feeds.Sdk.Configuration;

namespace Monitor.Feeds.Replay;

/// <summary>
/// Replays a recorded corpus with its original timing scaled by MONITOR_REPLAY_SPEED. A page is
/// every item due by now: the feed waits for the next item's time, then hands over it and any
/// others already due. The cursor is the number of items replayed, so a restart resumes with the
/// next item (its timing re-anchored at the restart). Items keep their original PublishedAt,
/// which is what alert rules are backtested against.
/// </summary>
public sealed class ReplayFeed(FeedSettings settings, TimeProvider time, ILogger<ReplayFeed> logger) : IFeedSource
{
    private const int LargestPage = 200;
    private readonly Lazy<(ReplayCorpus Corpus, ReplaySchedule Schedule)> _loaded = new(() =>
    {
        var corpus = ReplayCorpus.Load(settings.ReplaySource, time.GetUtcNow());
        logger.LogInformation("Replaying {Count} items from {Source} at {Speed}x", corpus.Items.Count, corpus.Source, settings.ReplaySpeed);
        return (corpus, new ReplaySchedule(corpus.Items.Select(i => i.PublishedAt).ToArray(), settings.ReplaySpeed, settings.ReplayLongestGap));
    });

    private (int Index, DateTimeOffset At)? _anchor;

    public string Platform => "replay";

    public string Describe() => $"{settings.ReplaySource ?? "samples/su7"} at {settings.ReplaySpeed.ToString(CultureInfo.InvariantCulture)}x";

    public async Task<FeedPage> FetchPageAsync(string? cursor, FeedContext context, CancellationToken cancellationToken)
    {
        var (corpus, schedule) = _loaded.Value;
        var start = Position(cursor, corpus.Items.Count);
        // The corpus' own unreadable items are reported once, with the first page.
        var rejected = start == 0 ? corpus.Rejected : [];
        if (start >= corpus.Items.Count)
            return new FeedPage([], rejected, cursor, IsLast: true);

        // The first item of this run is due at once; later ones keep their distance from it.
        _anchor ??= (start, time.GetUtcNow());
        var (anchorIndex, anchorAt) = _anchor.Value;
        var wait = anchorAt + schedule.Between(anchorIndex, start) - time.GetUtcNow();
        if (wait > TimeSpan.Zero) await Task.Delay(wait, time, cancellationToken);

        var now = time.GetUtcNow();
        var end = start + 1;
        while (end < corpus.Items.Count && end - start < LargestPage && anchorAt + schedule.Between(anchorIndex, end) <= now) end++;

        var items = corpus.Items.Skip(start).Take(end - start).Select(i => i with { ObservedAt = now }).ToArray();
        var finished = end >= corpus.Items.Count;
        if (finished) logger.LogInformation("Replay of {Source} finished: {Count} items", corpus.Source, corpus.Items.Count);
        return new FeedPage(items, rejected, end.ToString(CultureInfo.InvariantCulture), IsLast: finished);
    }

    private static int Position(string? cursor, int count) =>
        cursor is not null && int.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index <= count ? index : 0;
}
