using Npgsql;

namespace Monitor.EventStore;

/// <summary>
/// A read model kept by a subscription of the same name. Write through <see cref="SubscriptionContext.WriteAsync"/>
/// (the writes commit with the checkpoint) and read through <see cref="SubscriptionContext.DataSource"/>;
/// <see cref="ClearAsync"/> empties the read model for a rebuild.
/// </summary>
public abstract class Projection : ISubscriptionHandler
{
    /// <summary>Also the subscription's name, so its progress row.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// Raise it when the read model's shape, the events it reads or how it applies them change. Marten keeps the
    /// progress of each version apart; <see cref="ProjectionRebuilder.PrepareAsync"/> finds no progress for this
    /// version, clears the read model, and the daemon replays the log from the start. Starts at 1.
    /// </summary>
    public virtual int Version => 1;

    /// <summary>Stored type names this projection reads; null: every event.</summary>
    public virtual IReadOnlyCollection<string>? EventTypes => null;

    public virtual bool IncludeArchived => false;

    public virtual int BatchSize => 500;

    /// <summary>Creates the read model's tables if missing. Called before the projection runs or rebuilds.</summary>
    public virtual Task EnsureStorageAsync(NpgsqlConnection connection, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Empties the read model; runs in the rebuild's transaction, after the checkpoint was reset.</summary>
    public abstract Task ClearAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct);

    public abstract Task HandleAsync(IReadOnlyList<StoredEvent> batch, SubscriptionContext context, CancellationToken ct);
}
