using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Monitor.EventStore;

/// <summary>
/// Rebuilds a projection while the system runs: resets its checkpoint and clears its read model in one
/// transaction, then replays the log up to what existed when the rebuild began. The replay is done by
/// whichever instance holds the projection's lock: a running service instance notices the reset and
/// starts over; if none runs, the rebuilder takes the lock and replays itself.
/// </summary>
public sealed class ProjectionRebuilder(EventStore store, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? store.LoggerFactory.CreateLogger<ProjectionRebuilder>();

    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    public async Task RebuildAsync(Projection projection, IProgress<RebuildProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(projection);
        await using (var connection = await store.DataSource.OpenConnectionAsync(ct))
        {
            await projection.EnsureStorageAsync(connection, ct);
            await ResetAndClearAsync(connection, projection, ct);
        }

        var target = await HeadAsync(projection, ct);
        var total = target is { } t ? await CountUpToAsync(projection, t, ct) : 0;
        _logger.LogInformation("Rebuilding projection {Name}: {Total} events up to {Target}", projection.Name, total, target);
        if (target is null)
        {
            progress?.Report(new RebuildProgress(projection.Name, 0, 0, GlobalPosition.Start, GlobalPosition.Start));
            return;
        }

        using var replayCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var subscription = new Subscription(store, projection.ToSubscriptionOptions(TimeSpan.FromMilliseconds(50)), projection, _logger);
        var replay = subscription.RunAsync(replayCts.Token);
        try
        {
            while (true)
            {
                var checkpoint = await CheckpointAsync(projection.Name, ct);
                var done = checkpoint >= target.Value;
                var processed = done ? total : await CountUpToAsync(projection, checkpoint, ct);
                progress?.Report(new RebuildProgress(projection.Name, processed, total, checkpoint, target.Value));
                if (done) break;
                if (replay.IsCompleted)
                {
                    await replay; // surfaces a handler failure
                    if (subscription.SupersededBy is { } other)
                        throw new EventStoreException(
                            $"Rebuilding projection {projection.Name} (version {projection.Version}) stopped: an instance running version {other} rebuilt it meanwhile.");
                }
                await Task.WhenAny(replay, Task.Delay(ProgressInterval, ct));
            }
        }
        finally
        {
            await replayCts.CancelAsync();
            try { await replay; }
            catch (Exception e) when (ct.IsCancellationRequested || e is OperationCanceledException) { }
        }
        _logger.LogInformation("Rebuilt projection {Name}", projection.Name);
    }

    private async Task ResetAndClearAsync(NpgsqlConnection connection, Projection projection, CancellationToken ct)
    {
        await using var tx = await connection.BeginTransactionAsync(ct);
        await ResetAndClearAsync(store, connection, tx, projection, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Puts the checkpoint back to the start, records the projection's <see cref="Projection.Version"/> as the
    /// one building the read model, and empties it, in the caller's transaction. The checkpoint row is locked
    /// before the read model is cleared, the same order a running subscription takes them in; its in-flight
    /// batch either commits before the reset (and is cleared) or finds the checkpoint moved and rolls back.
    /// </summary>
    internal static async Task ResetAndClearAsync(EventStore store, NpgsqlConnection connection, NpgsqlTransaction tx, Projection projection, CancellationToken ct)
    {
        await using (var reset = new NpgsqlCommand(store.Sql.ResetCheckpoint, connection, tx))
        {
            reset.Parameters.AddWithValue(projection.Name);
            await reset.ExecuteNonQueryAsync(ct);
        }
        await using (var record = new NpgsqlCommand(store.Sql.RecordCheckpointVersion, connection, tx))
        {
            record.Parameters.AddWithValue(projection.Name);
            record.Parameters.AddWithValue(projection.Version);
            await record.ExecuteNonQueryAsync(ct);
        }
        await projection.ClearAsync(connection, tx, ct);
    }

    private async Task<GlobalPosition?> HeadAsync(Projection projection, CancellationToken ct)
    {
        var filter = projection.EventTypes is { Count: > 0 };
        await using var cmd = store.DataSource.CreateCommand(store.Sql.HeadPosition(projection.IncludeArchived, filter));
        if (filter) cmd.Parameters.AddWithValue(projection.EventTypes!.ToArray());
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new GlobalPosition(reader.GetFieldValue<ulong>(0), reader.GetInt64(1)) : null;
    }

    private async Task<long> CountUpToAsync(Projection projection, GlobalPosition position, CancellationToken ct)
    {
        var filter = projection.EventTypes is { Count: > 0 };
        await using var cmd = store.DataSource.CreateCommand(store.Sql.CountUpTo(projection.IncludeArchived, filter));
        cmd.Parameters.Add(new NpgsqlParameter { Value = position.TxId, NpgsqlDbType = NpgsqlDbType.Xid8 });
        cmd.Parameters.AddWithValue(position.SeqId);
        if (filter) cmd.Parameters.AddWithValue(projection.EventTypes!.ToArray());
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private async Task<GlobalPosition> CheckpointAsync(string name, CancellationToken ct)
    {
        await using var cmd = store.DataSource.CreateCommand(store.Sql.LoadCheckpoint);
        cmd.Parameters.AddWithValue(name);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new GlobalPosition(reader.GetFieldValue<ulong>(0), reader.GetInt64(1)) : GlobalPosition.Start;
    }
}
