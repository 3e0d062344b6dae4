using Microsoft.Extensions.Logging;

namespace Monitor.EventStore;

public static class ProjectionExtensions
{
    /// <summary>Creates the projection's storage, then returns the subscription that keeps it up to date.</summary>
    public static async Task<Subscription> StartProjectionAsync(this EventStore store, Projection projection, ILogger? logger = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(projection);
        await using (var connection = await store.DataSource.OpenConnectionAsync(ct))
            await projection.EnsureStorageAsync(connection, ct);
        return new Subscription(store, projection.ToSubscriptionOptions(), projection, logger);
    }
}
