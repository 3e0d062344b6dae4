namespace Monitor.EventStore;

/// <summary>
/// Handles batches of the global log. Delivery is at-least-once: after a crash the last batch may be
/// handled again, so write idempotently, ideally through <see cref="SubscriptionContext.WriteAsync"/>
/// (the checkpoint commits in that same transaction).
/// </summary>
public interface ISubscriptionHandler
{
    Task HandleAsync(IReadOnlyList<StoredEvent> batch, SubscriptionContext context, CancellationToken ct);
}
