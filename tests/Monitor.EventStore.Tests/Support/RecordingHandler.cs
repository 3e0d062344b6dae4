using System.Collections.Concurrent;

namespace Monitor.EventStore.Tests.Support;

/// <summary>
/// Remembers every event it was handed, in order (including batches later rolled back); when given
/// streams, only events of those (a test class shares its schema with its other tests).
/// </summary>
public sealed class RecordingHandler(params Guid[] streams) : ISubscriptionHandler
{
    private readonly ConcurrentQueue<StoredEvent> _seen = new();

    public IReadOnlyList<StoredEvent> Seen => _seen.ToArray();

    public Task HandleAsync(IReadOnlyList<StoredEvent> batch, SubscriptionContext context, CancellationToken ct)
    {
        foreach (var e in batch)
            if (streams.Length == 0 || streams.Contains(e.StreamId))
                _seen.Enqueue(e);
        return Task.CompletedTask;
    }
}
