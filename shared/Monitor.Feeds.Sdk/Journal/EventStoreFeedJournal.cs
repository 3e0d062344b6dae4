using System.Security.Cryptography;
using System.Text;
using Monitor.Contracts;
using Monitor.EventStore;

namespace Monitor.Feeds.Sdk.Journal;

/// <summary>
/// Keeps a feed's facts in the event store. Every append to <c>feed-{name}</c> expects the version
/// this instance last saw, so a second instance of the same feed fails loudly instead of
/// interleaving cursors. Event ids are derived from this instance and the version they follow: an
/// append this instance retries after a lost acknowledgement is recognised as a duplicate, while
/// another instance's append at the same version is a conflict.
/// </summary>
public sealed class EventStoreFeedJournal(EventStore.EventStore store, string feed) : IFeedJournal
{
    private readonly Guid _stream = FeedStreams.Feed(feed);
    private readonly Guid _quarantine = FeedStreams.Quarantine(feed);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Guid _instance = Guid.NewGuid();
    private long _version;
    private bool _loaded;

    public string? Cursor { get; private set; }

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var events = await store.ReadStreamAsync(_stream, 1, cancellationToken);
        string? cursor = null;
        foreach (var stored in events)
            if (stored.Data is FeedCursorAdvanced advanced) cursor = advanced.To;
        Cursor = cursor;
        _version = events.Count == 0 ? 0 : events[^1].Version;
        _loaded = true;
    }

    public Task RegisterAsync(FeedRegistered registered, CancellationToken cancellationToken) => AppendAsync(registered, cancellationToken);

    public async Task AdvanceAsync(FeedCursorAdvanced advanced, CancellationToken cancellationToken)
    {
        await AppendAsync(advanced, cancellationToken);
        Cursor = advanced.To;
    }

    public Task HeartbeatAsync(FeedHeartbeat heartbeat, CancellationToken cancellationToken) => AppendAsync(heartbeat, cancellationToken);

    public Task FailingAsync(FeedFailing failing, CancellationToken cancellationToken) => AppendAsync(failing, cancellationToken);

    public async Task QuarantineAsync(IReadOnlyList<FeedItemQuarantined> items, CancellationToken cancellationToken)
    {
        if (items.Count == 0) return;
        // Ids come from the page's cursor and the raw item, so quarantining a re-fetched page
        // (after a crash before the cursor advanced) is a no-op rather than a second copy.
        var events = items
            .DistinctBy(QuarantineId)
            .Select(item => new EventData(QuarantineId(item), item))
            .ToArray();
        await store.AppendAsync(_quarantine, FeedStreams.QuarantineStreamType, ExpectedVersion.Any, events, cancellationToken);
    }

    private Guid QuarantineId(FeedItemQuarantined item)
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(item.Raw)));
        return CoverageIdentity.NameBased(_quarantine, $"{item.Cursor}|{item.PlatformId}|{hash}");
    }

    private async Task AppendAsync(object data, CancellationToken cancellationToken)
    {
        if (!_loaded) throw new InvalidOperationException($"Load the journal of feed '{feed}' before appending to it.");
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var id = CoverageIdentity.NameBased(_stream, $"{_instance}:follows:{_version}");
            var expected = _version == 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exactly(_version);
            try
            {
                var result = await store.AppendAsync(_stream, FeedStreams.FeedStreamType, expected, [new EventData(id, data)], cancellationToken);
                _version = result.Version;
            }
            catch (ConcurrencyException e)
            {
                throw new FeedConflictException(feed, e);
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}

/// <summary>Someone else wrote to this feed's stream: two instances of one feed are running.</summary>
public sealed class FeedConflictException(string feed, Exception inner)
    : Exception($"The stream of feed '{feed}' moved under this instance: another instance of feed '{feed}' is running. " +
                "Give each instance its own MONITOR_FEED_NAME, or stop the other one.", inner);
