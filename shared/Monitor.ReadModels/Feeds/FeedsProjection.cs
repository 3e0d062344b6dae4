using Monitor.Contracts;
using Monitor.EventStore;
using Monitor.Feeds.Sdk.Journal;

namespace Monitor.ReadModels.Feeds;

/// <summary>
/// <c>rm_feeds</c>: one document per feed, from its own stream and its quarantine stream. The counters
/// add up events, so each document remembers the log position of the last event it took and skips any
/// event at or before it: handling an event again does not count it twice.
/// </summary>
public sealed class FeedsProjection(ReadModelTables tables)
    : DocumentProjection<FeedDocument>(tables.Schema, ReadModelTables.FeedsTable, Parameters.Json)
{
    public const string ProjectionName = "feeds";

    public override string Name => ProjectionName;

    public override IReadOnlyCollection<string> EventTypes { get; } = FeedEventTypes.All;

    protected override Guid? DocumentIdOf(StoredEvent e) => FeedOf(e.Data) is { } feed ? FeedStreams.Feed(feed) : null;

    private static string? FeedOf(object data) => data switch
    {
        FeedRegistered r => r.Feed,
        FeedHeartbeat h => h.Feed,
        FeedFailing f => f.Feed,
        FeedCursorAdvanced c => c.Feed,
        FeedItemQuarantined q => q.Feed,
        _ => null,
    };

    protected override FeedDocument? Apply(FeedDocument? current, StoredEvent e)
    {
        if (current is not null && new GlobalPosition(current.LastTxId, current.LastSeqId) >= e.Position) return current;
        var feed = current ?? new FeedDocument(FeedOf(e.Data)!, "", "", TimeSpan.Zero, null, null, null, null, null, 0, 0, 0, null, 0, 0);
        feed = e.Data switch
        {
            FeedRegistered r => feed with { Platform = r.Platform, Source = r.Source, Interval = r.Interval, RegisteredAt = r.RegisteredAt },
            FeedHeartbeat h => feed with
            {
                LastHeartbeatAt = h.At,
                ConsecutiveFailures = 0,
                ItemsPublished = feed.ItemsPublished + h.Published,
                PagesRefused = feed.PagesRefused + h.PagesRefused,
                LastCyclePagesRefused = h.PagesRefused,
                LastPageRefused = h.LastPageRefused,
            },
            FeedFailing f => feed with { LastFailureAt = f.At, LastError = f.Reason, ConsecutiveFailures = f.ConsecutiveFailures },
            FeedCursorAdvanced c => feed with { LastCursorAt = c.At },
            FeedItemQuarantined q => feed with
            {
                Platform = feed.Platform.Length == 0 ? q.Platform : feed.Platform,
                Quarantined = feed.Quarantined + 1,
                LastQuarantinedAt = q.At,
            },
            _ => feed,
        };
        return feed with { LastTxId = e.TxId, LastSeqId = e.SeqId };
    }
}
