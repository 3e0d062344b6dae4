using Microsoft.Extensions.Logging;
using Npgsql;

namespace Monitor.EventStore;

/// <summary>
/// Notices a projection whose code changed: its <see cref="Projection.Version"/> is above the one stored
/// beside its checkpoint. Then the checkpoint goes back to the start and the read model is emptied, so the
/// subscription replays the whole log with the new code.
/// </summary>
internal static class ProjectionVersions
{
    /// <summary>
    /// Records the version of a projection that has no checkpoint yet; rebuilds one stored with an older
    /// version. Returns the version it replaced, or null when there was nothing to rebuild.
    /// </summary>
    public static async Task<int?> RebuildIfChangedAsync(EventStore store, Projection projection, ILogger logger, CancellationToken ct)
    {
        if (projection.Version < 1)
            throw new ArgumentException($"Projection {projection.Name} has Version {projection.Version}; versions start at 1.", nameof(projection));

        await using var connection = await store.DataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var create = new NpgsqlCommand(store.Sql.CreateVersionedCheckpoint, connection, tx))
        {
            create.Parameters.AddWithValue(projection.Name);
            create.Parameters.AddWithValue(projection.Version);
            if (await create.ExecuteScalarAsync(ct) is not null)
            {
                await tx.CommitAsync(ct);
                return null;
            }
        }

        // The row lock makes instances starting together take turns: the first rebuilds and records the
        // new version; the next waits here, then reads that version and leaves the fresh read model be.
        int stored;
        await using (var lockRow = new NpgsqlCommand(store.Sql.LockCheckpointVersion, connection, tx))
        {
            lockRow.Parameters.AddWithValue(projection.Name);
            // an operator may have deleted the row since the insert; the subscription starts over without it
            if (await lockRow.ExecuteScalarAsync(ct) is not int found)
            {
                await tx.CommitAsync(ct);
                return null;
            }
            stored = found;
        }
        if (stored == projection.Version)
        {
            await tx.CommitAsync(ct);
            return null;
        }
        if (stored > projection.Version)
        {
            // Only upwards: an older instance that (re)starts during a rolling upgrade must not rebuild the read
            // model with its code under the newer instances; its subscription steps aside instead. Going back to an
            // older release is a deliberate `./monitor projections rebuild` with that release.
            await tx.CommitAsync(ct);
            logger.LogWarning("Projection {Name}: the store holds version {Stored}, newer than this instance's {Version}; left to the newer instances",
                projection.Name, stored, projection.Version);
            return null;
        }

        logger.LogInformation("Projection {Name} changed (version {Stored} -> {Version}): rebuilding from the start",
            projection.Name, stored, projection.Version);
        await ProjectionRebuilder.ResetAndClearAsync(store, connection, tx, projection, ct);
        await tx.CommitAsync(ct);
        return stored;
    }
}
