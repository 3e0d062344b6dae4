using JasperFx;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Monitor.EventStore;

/// <summary>
/// Readies and rebuilds read models that Marten's daemon keeps (<see cref="HandlerSubscription.For"/>). Marten keeps
/// each projection version's progress in a row of its own; what it does not know is that a new version's read model
/// must be emptied first, or that a rebuild must empty the read model in the same transaction that sets the
/// progress back to the start. That is what this does; the replay itself is always the daemon's.
/// </summary>
public sealed class ProjectionRebuilder(EventStore store, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly ProjectionSql _sql = new(store.Schema);

    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The daemon's name for the projection's progress row (one per version).</summary>
    public static string ShardOf(Projection projection) => new ShardName(projection.Name, "All", (uint)projection.Version).Identity;

    /// <summary>
    /// Before the daemon starts: creates the read model's tables and, when this version has no progress yet (a first
    /// start, or new code), empties the read model so the daemon replays into an empty one. The check and the emptying
    /// hold a lock on the progress table that the daemon's first progress insert waits for: a page another instance's
    /// daemon is writing either commits before (and its progress is seen here) or after the emptying (and keeps its rows).
    /// </summary>
    public async Task PrepareAsync(Projection projection, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(projection);
        if (projection.Version < 1)
            throw new ArgumentException($"Projection {projection.Name} has Version {projection.Version}; versions start at 1.", nameof(projection));
        await using var connection = await store.DataSource.OpenConnectionAsync(ct);
        await projection.EnsureStorageAsync(connection, ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await ExecuteAsync(connection, tx, _sql.LockProgressTable, ct);
        if (await ScalarAsync(connection, tx, _sql.Progress, ShardOf(projection), ct) is null)
        {
            _logger.LogInformation("Projection {Name} version {Version} has no progress: emptying its read model for a replay from the start",
                projection.Name, projection.Version);
            await projection.ClearAsync(connection, tx, ct);
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Rebuilds a read model while the system runs: empties it and takes its progress back to the start in one
    /// transaction, then waits until a daemon has replayed the log up to what existed when the rebuild began.
    /// Exactly one daemon may run the projection, or two would apply the same pages, so the rebuild goes through
    /// the daemon that runs it:
    /// <list type="bullet">
    /// <item>a process whose daemon runs it passes that <paramref name="daemon"/>: its agent is stopped around the reset and started again;</item>
    /// <item>otherwise <paramref name="leaderLock"/> is the daemon lock id of the service that runs it: Marten's daemon holds an advisory
    /// lock per projection derived from it. When this process gets that lock, no daemon runs the projection, and one is started here for it
    /// alone while the lock is held (a service starting meanwhile waits for it); when it does not, the rebuild is refused with
    /// <see cref="EventStoreException"/> (the running agent cannot be stopped from here).</item>
    /// </list>
    /// </summary>
    public async Task RebuildAsync(Projection projection, IProgress<RebuildProgress>? progress, CancellationToken ct,
        IProjectionDaemon? daemon = null, int? leaderLock = null)
    {
        ArgumentNullException.ThrowIfNull(projection);
        var shard = ShardOf(projection);
        await using (var connection = await store.DataSource.OpenConnectionAsync(ct))
            await projection.EnsureStorageAsync(connection, ct);

        await using var lockConnection = daemon is null && leaderLock is not null ? await store.DataSource.OpenConnectionAsync(ct) : null;
        // Marten's daemon holds a lock per shard, derived from the schema, the shard and the service's daemon lock id.
        var shardLock = leaderLock is { } id ? ProjectionLockIds.Compute(store.Schema, new ShardName(projection.Name, "All", (uint)projection.Version), id) : 0;
        var leading = lockConnection is not null && await TryLockAsync(lockConnection, shardLock, ct);
        try
        {
            if (lockConnection is not null && !leading)
                throw new EventStoreException(
                    $"Projection {projection.Name} is kept by a running service's daemon (it holds the projection's lock {shardLock}); " +
                    "rebuild it through that service (the API: POST /api/projections/{name}/rebuild with an admin key) or stop it first.");
            using var ownStore = daemon is null ? StoreFor(projection) : null;
            using var own = ownStore is null ? null : await ownStore.BuildProjectionDaemonAsync();
            var (target, total) = await ResetAndStartAsync(projection, daemon, ct);
            // All of its own daemon: the one projection's agent and the high water agent it needs beside it.
            if (own is not null) await own.StartAllAsync();
            try
            {
                for (var restarts = 0; ; )
                {
                    // The agent's position first: one the daemon reports was committed with its progress row.
                    var agent = (daemon ?? own!).CurrentAgents().FirstOrDefault(a => a.Name.Identity == shard);
                    ThrowIfPaused(agent, projection.Name);
                    var position = agent?.Position ?? 0;
                    var done = await ScalarAsync<long?>(_sql.Progress, ct, shard);
                    if (daemon is not null && done is null && position > 0)
                    {
                        // The daemon's coordinator restarts agents it finds stopped; one it restarted before the reset goes on
                        // from its old place over the emptied read model, writing no progress. Reset and start it again.
                        if (++restarts > MaxRestarts)
                            throw new EventStoreException($"Rebuilding projection {projection.Name}: its agent kept its old position through {MaxRestarts} resets.");
                        _logger.LogWarning("Rebuilding projection {Name}: its agent went on from position {Position} after the reset; resetting again", projection.Name, position);
                        (target, total) = await ResetAndStartAsync(projection, daemon, ct);
                        continue;
                    }
                    var processed = done >= target ? total : await CountUpToAsync(projection, done ?? 0, ct);
                    progress?.Report(new RebuildProgress(projection.Name, processed, total, new GlobalPosition(0, done ?? 0), new GlobalPosition(0, target)));
                    if (done >= target) break;
                    await Task.Delay(ProgressInterval, ct);
                }
            }
            finally
            {
                if (own is not null) await own.StopAllAsync();
            }
        }
        finally
        {
            // A pooled connection keeps session locks until it is reused: let go of the leader lock now.
            if (leading) await UnlockAsync(lockConnection!, shardLock);
        }
        _logger.LogInformation("Rebuilt projection {Name}", projection.Name);
    }

    /// <summary>
    /// A handler that keeps failing pauses its agent, and the progress then never moves: say why instead of waiting.
    /// </summary>
    private const int MaxRestarts = 3;

    /// <summary>Empties the read model and its progress with the daemon's agent stopped, then starts it; returns what the replay must reach.</summary>
    private async Task<(long Target, long Total)> ResetAndStartAsync(Projection projection, IProjectionDaemon? daemon, CancellationToken ct)
    {
        var shard = ShardOf(projection);
        if (daemon is not null) await daemon.StopAgentAsync(shard);
        await ResetAsync(projection, ct);
        var target = await ScalarAsync<long>(_sql.Head, ct);
        var total = await CountUpToAsync(projection, target, ct);
        _logger.LogInformation("Rebuilding projection {Name}: {Total} events up to {Target}", projection.Name, total, target);
        if (daemon is not null) await daemon.StartAgentAsync(shard, ct);
        return (target, total);
    }

    private static void ThrowIfPaused(ISubscriptionAgent? agent, string name)
    {
        if (agent is { Status: AgentStatus.Paused })
            throw new EventStoreException(
                $"Rebuilding projection {name} stopped: the daemon paused it ({agent.Failure?.Message ?? "no reason given"}).");
    }

    private static async Task UnlockAsync(NpgsqlConnection connection, int id)
    {
        await using var cmd = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection);
        cmd.Parameters.AddWithValue((long)id);
        await cmd.ExecuteScalarAsync(CancellationToken.None);
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, int id, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection);
        cmd.Parameters.AddWithValue((long)id);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private DocumentStore StoreFor(Projection projection) =>
        MartenStoreSetup.Build(store.DataSource, store.Schema, store.Registry,
            options => options.Events.Subscribe(HandlerSubscription.For(projection, store.DataSource, store.Registry)));

    /// <summary>
    /// The progress row goes (Marten starts a shard without one from the start) with the read model emptied, in one
    /// transaction; no daemon runs the projection meanwhile (see <see cref="RebuildAsync"/>).
    /// </summary>
    private async Task ResetAsync(Projection projection, CancellationToken ct)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await ExecuteAsync(connection, tx, _sql.LockProgressTable, ct);
        await projection.ClearAsync(connection, tx, ct);
        await ExecuteAsync(connection, tx, _sql.DeleteProgress, ct, ShardOf(projection));
        await tx.CommitAsync(ct);
    }

    private async Task<long> CountUpToAsync(Projection projection, long sequence, CancellationToken ct)
    {
        var types = projection.EventTypes?.ToArray();
        await using var cmd = store.DataSource.CreateCommand(_sql.CountUpTo(projection.IncludeArchived));
        cmd.Parameters.AddWithValue(sequence);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)types ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private async Task<T> ScalarAsync<T>(string sql, CancellationToken ct, params object[] values)
    {
        await using var cmd = store.DataSource.CreateCommand(sql);
        foreach (var value in values) cmd.Parameters.AddWithValue(value);
        return await cmd.ExecuteScalarAsync(ct) is T found ? found : default!;
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, string shard, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection, tx);
        cmd.Parameters.AddWithValue(shard);
        return await cmd.ExecuteScalarAsync(ct);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, CancellationToken ct, params object[] values)
    {
        await using var cmd = new NpgsqlCommand(sql, connection, tx);
        foreach (var value in values) cmd.Parameters.AddWithValue(value);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private sealed class ProjectionSql(string schema)
    {
        // SHARE ROW EXCLUSIVE conflicts with itself and with the daemon's inserts, not with its reads.
        public string LockProgressTable { get; } = $"LOCK TABLE {schema}.mt_event_progression IN SHARE ROW EXCLUSIVE MODE";
        public string Progress { get; } = $"SELECT last_seq_id FROM {schema}.mt_event_progression WHERE name = $1";
        public string DeleteProgress { get; } = $"DELETE FROM {schema}.mt_event_progression WHERE name = $1";
        public string Head { get; } = $"SELECT coalesce(max(seq_id), 0) FROM {schema}.mt_events";

        public string CountUpTo(bool includeArchived) =>
            $"SELECT count(*) FROM {schema}.mt_events WHERE seq_id <= $1 AND ($2::text[] IS NULL OR type = ANY($2))" +
            (includeArchived ? "" : " AND is_archived = false");
    }
}
