using System.Collections.Concurrent;
using Monitor.Contracts;
using Monitor.Feeds.Sdk.Publishing;

namespace Monitor.Feeds.Sdk.Testing;

/// <summary>Keeps what a feed published, in order, instead of sending it to the broker.</summary>
public class RecordingPublisher : ICoveragePublisher
{
    public ConcurrentQueue<CoverageReceived> Published { get; } = new();

    public virtual Task PublishAsync(IReadOnlyList<CoverageReceived> items, CancellationToken cancellationToken)
    {
        foreach (var item in items) Published.Enqueue(item);
        return Task.CompletedTask;
    }
}
