using System.Collections.Concurrent;

namespace Monitor.EventStore.Tests.Support;

/// <summary>Remembers every event it was handed, in order (including batches later rolled back).</summary>
public sealed class RecordingHandler : ISubscriptionHandler
{
    private readonly ConcurrentQueue<StoredEvent> _seen = new();

    public IReadOnlyList<StoredEvent> Seen => _seen.ToArray();

    public Task HandleAsync(IReadOnlyList<StoredEvent> batch, SubscriptionContext context, CancellationToken ct)
    {
        foreach (var e in batch) _seen.Enqueue(e);
        return Task.CompletedTask;
    }
}
