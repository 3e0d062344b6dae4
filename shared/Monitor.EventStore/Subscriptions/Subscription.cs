using Microsoft.Extensions.Logging;
using Monitor.EventStore.Resilience;
using Npgsql;
using NpgsqlTypes;

namespace Monitor.EventStore;

/// <summary>
/// A named, checkpointed reader of the global log. Only one instance per name runs at a time across
/// processes: the others wait on an advisory lock and take over when the holder's session ends.
/// Delivery is at-least-once; the checkpoint commits in the handler's transaction. A subscription with a
/// <see cref="SubscriptionOptions.Version"/> steps aside when its checkpoint row names another version.
/// </summary>
public sealed class Subscription
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan HeldRecheck = TimeSpan.FromMilliseconds(20);

    private readonly EventStore _store;
    private readonly SubscriptionOptions _options;
    private readonly ISubscriptionHandler _handler;
    private readonly ILogger _logger;
    private readonly string _lockKey;
    private volatile object? _checkpoint;
    private volatile object? _supersededBy;
    private volatile bool _isActive;
    private volatile bool _notified;

    public Subscription(EventStore store, SubscriptionOptions options, ISubscriptionHandler handler, ILogger? logger = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _handler = handler ?? throw new ArgumentNullException(nameof(handler));
        options.Validate();
        _logger = logger ?? store.LoggerFactory.CreateLogger<Subscription>();
        _lockKey = store.Sql.SubscriptionLockKey(options.Name);
    }

    public string Name => _options.Name;

    /// <summary>The last checkpoint this instance committed or loaded; null before it first held the lock.</summary>
    public GlobalPosition? Checkpoint => _checkpoint as GlobalPosition?;

    /// <summary>True while this instance holds the subscription's lock and processes.</summary>
    public bool IsActive => _isActive;

    /// <summary>
    /// How many reads found committed events still hidden behind an older open transaction and so
    /// held the subscription where it was: a reader never passes a commit that is still to come below it.
    /// </summary>
    public long HeldReads => Interlocked.Read(ref _heldReads);

    private long _heldReads;

    /// <summary>
    /// The version the checkpoint row held when this instance stepped aside (<see cref="RunAsync"/> returned
    /// without its token being cancelled); null while it runs, and for a subscription without a
    /// <see cref="SubscriptionOptions.Version"/>.
    /// </summary>
    public int? SupersededBy => _supersededBy as int?;

    /// <summary>
    /// Waits for the subscription's lock, then handles batches until <paramref name="ct"/> is cancelled.
    /// Transient failures (a lost connection, failover) reconnect and resume from the checkpoint; a handler
    /// that keeps failing on one batch ends this with <see cref="SubscriptionFailedException"/>.
    /// A subscription with a <see cref="SubscriptionOptions.Version"/> that finds another version stored beside
    /// its checkpoint (another instance rebuilt the read model with other code) rolls back its batch, logs a
    /// warning, releases the lock and returns without an exception; <see cref="SupersededBy"/> tells that end
    /// apart from a cancellation. An idle instance finds out within <see cref="SubscriptionOptions.PollInterval"/>.
    /// </summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var backoff = TimeSpan.FromMilliseconds(100);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await RunSessionAsync(ct);
                if (SupersededBy is not null) return;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (TransientErrors.IsTransient(e))
            {
                _logger.LogWarning(e, "Subscription {Name}: transient failure, reconnecting in {Delay}", Name, backoff);
                try { await Task.Delay(backoff, ct); }
                catch (OperationCanceledException) { return; }
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    /// <summary>
    /// One database session: the advisory lock lives exactly as long as this connection. Returns only when this
    /// instance was superseded; otherwise it ends by an exception (cancellation included).
    /// </summary>
    private async Task RunSessionAsync(CancellationToken ct)
    {
        await using var connection = await _store.DataSource.OpenConnectionAsync(ct);
        await WaitForLockAsync(connection, ct);
        _isActive = true;
        connection.Notification += OnNotification;
        try
        {
            _logger.LogInformation("Subscription {Name}: took the lock, processing", Name);
            await Execute(connection, _store.Sql.Listen, ct);
            if (!_options.SynchronousCommit)
                await Execute(connection, "SET synchronous_commit = off", ct);
            await EnsureCheckpointAsync(connection, ct);
            var stored = await LoadCheckpointAsync(connection, null, forUpdate: false, ct);
            // A standby running older code takes the lock when the newer instance's session ends: it must not replay.
            if (IsSupersededBy(stored))
            {
                StepAside(stored);
                return;
            }
            _checkpoint = stored.Position;
            await ProcessAsync(connection, stored.Position, ct);
        }
        finally
        {
            _isActive = false;
            connection.Notification -= OnNotification;
            await ReleaseSessionAsync(connection);
        }
    }

    private async Task WaitForLockAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var waiting = false;
        while (true)
        {
            await using (var cmd = new NpgsqlCommand(_store.Sql.SubscriptionLock, connection))
            {
                cmd.Parameters.AddWithValue(_lockKey);
                if ((bool)(await cmd.ExecuteScalarAsync(ct))!) return;
            }
            if (!waiting)
            {
                _logger.LogInformation("Subscription {Name}: another instance holds the lock; waiting to take over", Name);
                waiting = true;
            }
            await Task.Delay(_options.LockRetryInterval, ct);
        }
    }

    /// <summary>Handles batches until cancelled (an exception) or superseded (returns).</summary>
    private async Task ProcessAsync(NpgsqlConnection connection, GlobalPosition position, CancellationToken ct)
    {
        var failures = 0;
        var catchingUp = false;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            _notified = false;
            BatchOutcome outcome;
            try
            {
                outcome = await ProcessBatchAsync(connection, position, catchingUp, ct);
                failures = 0;
                catchingUp = outcome.Full;
            }
            catch (Exception e) when (!TransientErrors.IsTransient(e) && e is not OperationCanceledException && e is not SubscriptionFailedException)
            {
                failures++;
                if (failures >= _options.MaxHandlerAttempts)
                    throw new SubscriptionFailedException(Name, position, failures, e);
                var delay = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMilliseconds(200).Ticks << (failures - 1), MaxBackoff.Ticks));
                _logger.LogError(e, "Subscription {Name}: batch after {Position} failed (attempt {Attempt} of {Max}); retrying in {Delay}",
                    Name, position, failures, _options.MaxHandlerAttempts, delay);
                await Task.Delay(delay, ct);
                continue;
            }

            if (outcome.Kind == BatchKind.Superseded) return;
            position = outcome.Position;
            _checkpoint = position;
            if (outcome.Kind == BatchKind.Handled || outcome.Kind == BatchKind.Reset || outcome.Retry) continue;
            if (outcome.Kind == BatchKind.Held)
            {
                Interlocked.Increment(ref _heldReads);
                // The transaction holding the horizon may commit without notifying (it need not be an append).
                await Task.Delay(_options.PollInterval < HeldRecheck ? _options.PollInterval : HeldRecheck, ct);
                continue;
            }

            // Idle: sleep until an append commits (NOTIFY) or the poll interval passes. A notification
            // that arrived while the last batch ran has already set the flag, so it is not missed.
            if (!_notified)
                await connection.WaitAsync(_options.PollInterval, ct);
        }
    }

    private async Task<BatchOutcome> ProcessBatchAsync(NpgsqlConnection connection, GlobalPosition from, bool catchingUp, CancellationToken ct)
    {
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (catchingUp)
        {
            // The last batch was full, so this one will very likely hold events: lock the checkpoint
            // and read in one round trip. (When idle, reading first spares the lock and its xid.)
            var (checkpoint, events) = await _store.LockCheckpointAndReadAllAsync(
                connection, tx, Name, from, _options.BatchSize, _options.IncludeArchived, _options.EventTypes, _options.RawData, ct);
            if (!Holds(checkpoint, from))
            {
                await tx.RollbackAsync(ct);
                return await MovedAsync(connection, from, checkpoint, ct);
            }
            if (events.Count > 0) return await HandleLockedBatchAsync(connection, tx, from, events, ct);
            await tx.RollbackAsync(ct);
            return new(BatchKind.Idle, from) { Retry = true };
        }

        var batch = await _store.ReadAllAsync(connection, tx, from, _options.BatchSize, _options.IncludeArchived, _options.EventTypes, _options.RawData, ct);
        if (batch.Count == 0)
        {
            // Nothing readable; but a rebuild may have reset the checkpoint (or recorded a newer version) while
            // this instance sat idle, or committed events may wait behind an older open transaction (then look again soon).
            var (stored, hidden) = await IdleCheckAsync(connection, tx, from, ct);
            if (!Holds(stored, from))
            {
                await tx.RollbackAsync(ct);
                return await MovedAsync(connection, from, stored, ct);
            }
            // The check runs on a later snapshot than the read: the horizon may have passed the events
            // meanwhile, so they are neither hidden any more nor were they read. Without this second
            // look they would wait for the next notification or poll.
            var readableSince = !hidden &&
                (await _store.ReadAllAsync(connection, tx, from, 1, _options.IncludeArchived, _options.EventTypes, rawData: true, ct)).Count > 0;
            await tx.CommitAsync(ct);
            if (readableSince) return new(BatchKind.Idle, from) { Retry = true };
            return new(hidden ? BatchKind.Held : BatchKind.Idle, from);
        }

        // Lock the checkpoint row before touching the read model: a rebuild takes the same row first,
        // so the two never deadlock, and a reset since the read shows up here as a different position or version.
        var locked = await LoadCheckpointAsync(connection, tx, forUpdate: true, ct);
        if (!Holds(locked, from))
        {
            await tx.RollbackAsync(ct);
            return await MovedAsync(connection, from, locked, ct);
        }
        return await HandleLockedBatchAsync(connection, tx, from, batch, ct);
    }

    /// <summary>Runs the handler and saves the checkpoint in the batch's transaction, which holds the checkpoint row.</summary>
    private async Task<BatchOutcome> HandleLockedBatchAsync(NpgsqlConnection connection, NpgsqlTransaction tx, GlobalPosition from, IReadOnlyList<StoredEvent> batch, CancellationToken ct)
    {
        var context = new SubscriptionContext(_store, connection, tx, Name, from);
        await _handler.HandleAsync(batch, context, ct);

        var to = batch[^1].Position;
        await using (var save = new NpgsqlCommand(_store.Sql.SaveCheckpoint, connection, tx))
        {
            save.Parameters.AddWithValue(Name);
            save.Parameters.Add(new NpgsqlParameter { Value = to.TxId, NpgsqlDbType = NpgsqlDbType.Xid8 });
            save.Parameters.AddWithValue(to.SeqId);
            save.Parameters.Add(new NpgsqlParameter { Value = from.TxId, NpgsqlDbType = NpgsqlDbType.Xid8 });
            save.Parameters.AddWithValue(from.SeqId);
            save.Parameters.Add(VersionParameter());
            if (await save.ExecuteNonQueryAsync(ct) != 1)
            {
                await tx.RollbackAsync(ct);
                return await MovedAsync(connection, from, await LoadCheckpointAsync(connection, null, forUpdate: false, ct), ct);
            }
        }
        await tx.CommitAsync(ct);
        if (context.Appended) _store.Notifier.Signal();
        return new(BatchKind.Handled, to) { Full = batch.Count >= _options.BatchSize };
    }

    /// <summary>The stored checkpoint is still there, where this instance left it, and still its version's.</summary>
    private bool Holds(StoredCheckpoint stored, GlobalPosition from) => !stored.IsMissing && stored.Position == from && !IsSupersededBy(stored);

    /// <summary>
    /// Any other version than this instance's means another instance rebuilt the read model with other code:
    /// only StartProjectionAsync (or a rebuild) records versions, so a lower one is not this instance's to raise either.
    /// </summary>
    private bool IsSupersededBy(StoredCheckpoint stored) =>
        _options.Version is { } own && stored.Version is { } recorded && recorded != own;

    /// <summary>Called outside a transaction, once the batch that found the checkpoint row changed has rolled back.</summary>
    private async Task<BatchOutcome> MovedAsync(NpgsqlConnection connection, GlobalPosition from, StoredCheckpoint stored, CancellationToken ct)
    {
        if (stored.IsMissing)
        {
            // An operator deleted the row to make the subscription start over. Without a new row no save could
            // ever match, and the first batch would be handled and rolled back again and again.
            await EnsureCheckpointAsync(connection, ct);
            _logger.LogWarning("Subscription {Name}: its checkpoint row was deleted; starting over from the beginning of the log", Name);
            return new(BatchKind.Reset, GlobalPosition.Start);
        }
        if (IsSupersededBy(stored))
        {
            StepAside(stored);
            return new(BatchKind.Superseded, from);
        }
        _logger.LogInformation("Subscription {Name}: checkpoint moved from {From} to {Stored} (reset); continuing from there", Name, from, stored.Position);
        return new(BatchKind.Reset, stored.Position);
    }

    private void StepAside(StoredCheckpoint stored)
    {
        var recorded = stored.Version!.Value;
        _supersededBy = recorded;
        if (recorded > _options.Version)
            _logger.LogWarning("Subscription {Name}: the store holds version {Stored}, this instance runs {Version}; a newer instance rebuilds it; stopping",
                Name, recorded, _options.Version);
        else
            _logger.LogWarning("Subscription {Name}: the store holds version {Stored}, this instance runs {Version}; an instance running the stored version rebuilt it (start this one through StartProjectionAsync to rebuild with its own); stopping",
                Name, recorded, _options.Version);
    }

    /// <summary>
    /// Writes the checkpoint row at the start of the log, with this instance's version, unless there is one
    /// (then a row a rebuild or another instance wrote meanwhile stands, and the next batch reads it).
    /// </summary>
    private async Task EnsureCheckpointAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var ensure = new NpgsqlCommand(_store.Sql.EnsureCheckpoint, connection);
        ensure.Parameters.AddWithValue(Name);
        ensure.Parameters.Add(VersionParameter());
        await ensure.ExecuteNonQueryAsync(ct);
    }

    private NpgsqlParameter VersionParameter() =>
        new() { Value = _options.Version is { } version ? version : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer };

    private async Task<StoredCheckpoint> LoadCheckpointAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, bool forUpdate, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(forUpdate ? _store.Sql.LockCheckpoint : _store.Sql.LoadCheckpoint, connection, tx);
        cmd.Parameters.AddWithValue(Name);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
            return StoredCheckpoint.Missing; // row deleted by an operator: start over
        return StoredCheckpoint.Read(reader);
    }

    /// <summary>
    /// The connection goes back to the pool, where a session-level lock would otherwise outlive this
    /// instance. If it is broken, the session (and so the lock) is gone anyway.
    /// </summary>
    private async Task ReleaseSessionAsync(NpgsqlConnection connection)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await Execute(connection, "UNLISTEN *; RESET synchronous_commit; SELECT pg_advisory_unlock_all()", timeout.Token);
        }
        catch (Exception e)
        {
            _logger.LogDebug(e, "Subscription {Name}: could not release the session cleanly; discarding the connection", Name);
            NpgsqlConnection.ClearPool(connection);
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e) => _notified = true;

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private async Task<(StoredCheckpoint Stored, bool Hidden)> IdleCheckAsync(NpgsqlConnection connection, NpgsqlTransaction tx, GlobalPosition from, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(_store.Sql.IdleCheck, connection, tx);
        cmd.Parameters.AddWithValue(Name);
        cmd.Parameters.Add(new NpgsqlParameter { Value = from.TxId, NpgsqlDbType = NpgsqlDbType.Xid8 });
        cmd.Parameters.AddWithValue(from.SeqId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return (StoredCheckpoint.Missing, false);
        return (StoredCheckpoint.Read(reader), reader.GetBoolean(3));
    }

    /// <summary>
    /// Idle: caught up. Held: events exist past the checkpoint but an older open transaction hides them.
    /// Superseded: the checkpoint row names another version; this instance stops.
    /// </summary>
    private enum BatchKind { Idle, Held, Handled, Reset, Superseded }

    private readonly record struct BatchOutcome(BatchKind Kind, GlobalPosition Position)
    {
        /// <summary>The batch was as large as allowed: more events are probably waiting.</summary>
        public bool Full { get; init; }

        /// <summary>Look again at once, the plain way (a catch-up read came back empty).</summary>
        public bool Retry { get; init; }
    }
}
