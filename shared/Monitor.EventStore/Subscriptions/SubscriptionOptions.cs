namespace Monitor.EventStore;

public sealed class SubscriptionOptions
{
    /// <summary>Names the checkpoint and the advisory lock: one instance per name runs at a time, across processes.</summary>
    public required string Name { get; init; }

    /// <summary>
    /// The version of the code that builds this subscription's read model (<see cref="Projection.Version"/>, set by
    /// <see cref="Projection.ToSubscriptionOptions"/>); null for a subscription that is not a projection. With a
    /// version, the subscription commits only while its checkpoint row stores that same version; finding another
    /// it steps aside and <see cref="Subscription.RunAsync"/> returns (see <see cref="Subscription.SupersededBy"/>).
    /// </summary>
    public int? Version { get; init; }

    public int BatchSize { get; init; } = 500;

    /// <summary>The fallback poll when no notification arrives (notifications wake the subscription at once).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Only events with these stored type names; null: every event.</summary>
    public IReadOnlyCollection<string>? EventTypes { get; init; }

    /// <summary>
    /// Deliver each event's data as its stored JSON (<see cref="EventJson"/>, upcast when an upcaster
    /// applies) rather than as an instance of its type: for handlers that pass events on unchanged.
    /// </summary>
    public bool RawData { get; init; }

    /// <summary>Also deliver events of archived streams.</summary>
    public bool IncludeArchived { get; init; }

    /// <summary>
    /// False commits each batch without waiting for its WAL flush (synchronous_commit = off). The read
    /// model's writes and the checkpoint still commit atomically, so a crash can only lose both together,
    /// and the batch is handled again: at-least-once holds. Only a handler whose effects live outside
    /// this database sees such a batch twice more often. Catch-up is faster when fsync is slow.
    /// </summary>
    public bool SynchronousCommit { get; init; } = true;

    /// <summary>How often a waiting instance tries to take over the subscription's lock.</summary>
    public TimeSpan LockRetryInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a failing handler is retried on the same batch before <see cref="Subscription.RunAsync"/> fails.</summary>
    public int MaxHandlerAttempts { get; init; } = 5;

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name)) throw new ArgumentException("A subscription needs a name.", nameof(Name));
        if (Version < 1) throw new ArgumentOutOfRangeException(nameof(Version), Version, $"Subscription '{Name}': versions start at 1.");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, $"Subscription '{Name}': the batch size must be at least 1.");
        if (PollInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(PollInterval), PollInterval, $"Subscription '{Name}': the poll interval must be positive.");
        if (LockRetryInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(LockRetryInterval), LockRetryInterval, $"Subscription '{Name}': the lock retry interval must be positive.");
        if (MaxHandlerAttempts < 1) throw new ArgumentOutOfRangeException(nameof(MaxHandlerAttempts), MaxHandlerAttempts, $"Subscription '{Name}': allow at least one handler attempt.");
    }
}
