using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Feeds.Sdk.Configuration;
using Monitor.Feeds.Sdk.Polling;

namespace Monitor.Feeds.Sdk.Testing;

/// <summary>
/// For a feed's own tests: its source wired to the SDK's real poller, with an in-memory journal and
/// a recording publisher in place of the event store and the broker.
/// </summary>
public sealed class FeedRun(IFeedSource source, FeedSettings settings, TimeProvider? time = null)
{
    public InMemoryFeedJournal Journal { get; } = new();

    public RecordingPublisher Publisher { get; init; } = new();

    /// <summary>One poll cycle, bounded to a minute.</summary>
    public async Task<CycleResult> CycleAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        return await new FeedPoller(source, Journal, Publisher, settings, time ?? TimeProvider.System, NullLogger<FeedPoller>.Instance)
            .RunCycleAsync(timeout.Token);
    }
}
