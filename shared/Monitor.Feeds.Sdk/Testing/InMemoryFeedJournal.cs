using Monitor.Contracts;
using Monitor.Feeds.Sdk.Journal;

namespace Monitor.Feeds.Sdk.Testing;

/// <summary>A journal in memory, for tests of a feed that need neither the database nor the broker.</summary>
public sealed class InMemoryFeedJournal : IFeedJournal
{
    public List<object> Events { get; } = [];

    public List<FeedItemQuarantined> Quarantined { get; } = [];

    public string? Cursor { get; private set; }

    public Task LoadAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task RegisterAsync(FeedRegistered registered, CancellationToken cancellationToken) => Record(registered);

    public Task AdvanceAsync(FeedCursorAdvanced advanced, CancellationToken cancellationToken)
    {
        Cursor = advanced.To;
        return Record(advanced);
    }

    public Task HeartbeatAsync(FeedHeartbeat heartbeat, CancellationToken cancellationToken) => Record(heartbeat);

    public Task FailingAsync(FeedFailing failing, CancellationToken cancellationToken) => Record(failing);

    public Task QuarantineAsync(IReadOnlyList<FeedItemQuarantined> items, CancellationToken cancellationToken)
    {
        lock (Events) Quarantined.AddRange(items);
        return Task.CompletedTask;
    }

    private Task Record(object e)
    {
        lock (Events) Events.Add(e);
        return Task.CompletedTask;
    }
}
