using Monitor.Contracts;
using Monitor.EventStore;

namespace Monitor.Feeds.Sdk.Journal;

/// <summary>The stable names of the feed events in the store.</summary>
public static class FeedEventTypes
{
    public const string FeedRegistered = "feed-registered";
    public const string FeedCursorAdvanced = "feed-cursor-advanced";
    public const string FeedHeartbeat = "feed-heartbeat";
    public const string FeedFailing = "feed-failing";
    public const string FeedItemQuarantined = "feed-item-quarantined";

    public static readonly IReadOnlyList<string> All = [FeedRegistered, FeedCursorAdvanced, FeedHeartbeat, FeedFailing, FeedItemQuarantined];

    public static EventTypeRegistry Register(EventTypeRegistry registry) => registry
        .Register<FeedRegistered>(FeedRegistered)
        .Register<FeedCursorAdvanced>(FeedCursorAdvanced)
        .Register<FeedHeartbeat>(FeedHeartbeat)
        .Register<FeedFailing>(FeedFailing)
        .Register<FeedItemQuarantined>(FeedItemQuarantined);
}
