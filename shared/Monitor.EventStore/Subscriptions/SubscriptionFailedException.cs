namespace Monitor.EventStore;

/// <summary>A subscription's handler kept failing on one batch; the subscription stopped there.</summary>
public sealed class SubscriptionFailedException(string name, GlobalPosition after, int attempts, Exception inner)
    : Exception($"Subscription '{name}' stopped: its handler failed {attempts} times on the batch after {after}: {inner.Message}", inner)
{
    public string SubscriptionName { get; } = name;
    public GlobalPosition After { get; } = after;
}
