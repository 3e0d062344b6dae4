using Microsoft.Extensions.Logging;

namespace Monitor.EventStore;

public static class ProjectionExtensions
{
    /// <summary>
    /// Creates the projection's storage and, when its <see cref="Projection.Version"/> is above the one stored
    /// beside its checkpoint, empties the read model and resets the checkpoint (once, however many instances start
    /// together); then returns the subscription that keeps it up to date, from the start after such a reset.
    /// </summary>
    public static async Task<Subscription> StartProjectionAsync(this EventStore store, Projection projection, ILogger? logger = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(projection);
        await using (var connection = await store.DataSource.OpenConnectionAsync(ct))
            await projection.EnsureStorageAsync(connection, ct);
        await ProjectionVersions.RebuildIfChangedAsync(store, projection, logger ?? store.LoggerFactory.CreateLogger(typeof(Projection)), ct);
        return new Subscription(store, projection.ToSubscriptionOptions(), projection, logger);
    }
}
