using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Feeds.Sdk;
using Monitor.Feeds.Sdk.Configuration;
using Monitor.Feeds.Sdk.Polling;

namespace Monitor.Feeds.Tests.Support;

/// <summary>A feed source wired to the SDK's poller, an in-memory journal and a recording publisher.</summary>
public sealed class FeedRun(IFeedSource source, FeedSettings settings)
{
    public InMemoryFeedJournal Journal { get; } = new();

    public RecordingPublisher Publisher { get; } = new();

    public Task<CycleResult> CycleAsync() =>
        new FeedPoller(source, Journal, Publisher, settings, TimeProvider.System, NullLogger<FeedPoller>.Instance)
            .RunCycleAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
}
