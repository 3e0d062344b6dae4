using Monitor.Contracts;

namespace Monitor.Feeds.Sdk.Journal;

/// <summary>A feed's memory: its cursor, registration, heartbeats, failures and quarantined items.</summary>
public interface IFeedJournal
{
    /// <summary>The cursor to fetch the next page after, as of the last <see cref="FeedCursorAdvanced"/>.</summary>
    string? Cursor { get; }

    /// <summary>Reads the feed's stream to learn where it stopped. Call once, before anything else.</summary>
    Task LoadAsync(CancellationToken cancellationToken);

    Task RegisterAsync(FeedRegistered registered, CancellationToken cancellationToken);

    Task AdvanceAsync(FeedCursorAdvanced advanced, CancellationToken cancellationToken);

    Task HeartbeatAsync(FeedHeartbeat heartbeat, CancellationToken cancellationToken);

    Task FailingAsync(FeedFailing failing, CancellationToken cancellationToken);

    Task QuarantineAsync(IReadOnlyList<FeedItemQuarantined> items, CancellationToken cancellationToken);
}
