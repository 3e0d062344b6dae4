namespace Monitor.EventStore;

/// <summary>The store's statements for one schema, built once.</summary>
internal sealed class StoreSql(string s)
{
    public const string EventColumns = "seq_id, tx_id, id, stream_id, version, type, data, headers, timestamp";

    public string Append { get; } =
        $"SELECT o_stream_id, o_status, o_version FROM {s}.append_events($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";

    public string AppendStream { get; } =
        $"SELECT o_status, o_version FROM {s}.append_stream($1, $2, $3, $4, $5, $6, $7)";

    public string ReadStream { get; } =
        $"SELECT {EventColumns} FROM {s}.events WHERE stream_id = $1 AND version >= $2 ORDER BY version";

    public string ReadStreams { get; } =
        $"SELECT {EventColumns} FROM {s}.events WHERE stream_id = ANY($1) ORDER BY stream_id, version";

    public string ReadByIds { get; } =
        $"SELECT {EventColumns} FROM {s}.events WHERE id = ANY($1) ORDER BY seq_id";

    /// <summary>
    /// Only below the oldest transaction still running: a sequence number is visible before its
    /// transaction commits, so reading past that horizon could skip an event that commits later.
    /// <paramref name="pastHorizon"/>: every committed event the snapshot sees, for a one-time load of state
    /// inside one REPEATABLE READ transaction, where no later read follows that could skip what commits late.
    /// </summary>
    public string ReadAll(bool includeArchived, bool filterTypes, bool pastHorizon = false) =>
        $"""
        SELECT {EventColumns} FROM {s}.events
        WHERE (tx_id, seq_id) > ($1, $2)
          {(pastHorizon ? "" : "AND tx_id < pg_snapshot_xmin(pg_current_snapshot())")}
          {(includeArchived ? "" : "AND NOT archived")}
          {(filterTypes ? "AND type = ANY($4)" : "")}
        ORDER BY tx_id, seq_id
        LIMIT $3
        """;

    public string FetchStream { get; } =
        $"SELECT id, type, version, archived, created, updated FROM {s}.streams WHERE id = $1";

    public string FetchStreams { get; } =
        $"SELECT id, type, version, archived, created, updated FROM {s}.streams WHERE id = ANY($1)";

    public string Archive { get; } =
        $"""
        WITH stream AS (UPDATE {s}.streams SET archived = true, updated = now() WHERE id = $1 RETURNING id)
        UPDATE {s}.events SET archived = true WHERE stream_id = $1 AND NOT archived AND EXISTS (SELECT 1 FROM stream)
        """;

    public string StreamExists { get; } = $"SELECT EXISTS (SELECT 1 FROM {s}.streams WHERE id = $1)";

    public string HeadPosition(bool includeArchived, bool filterTypes) =>
        $"""
        SELECT tx_id, seq_id FROM {s}.events
        WHERE tx_id < pg_snapshot_xmin(pg_current_snapshot())
          {(includeArchived ? "" : "AND NOT archived")}
          {(filterTypes ? "AND type = ANY($1)" : "")}
        ORDER BY tx_id DESC, seq_id DESC LIMIT 1
        """;

    public string CountUpTo(bool includeArchived, bool filterTypes) =>
        $"""
        SELECT count(*) FROM {s}.events
        WHERE (tx_id, seq_id) <= ($1, $2)
          {(includeArchived ? "" : "AND NOT archived")}
          {(filterTypes ? "AND type = ANY($3)" : "")}
        """;

    /// <summary>A row made here belongs to the subscription's version ($2); 1, the column's default, when it has none.</summary>
    public string EnsureCheckpoint { get; } =
        $"INSERT INTO {s}.subscriptions (name, version) VALUES ($1, coalesce($2, 1)) ON CONFLICT (name) DO NOTHING";

    public string LoadCheckpoint { get; } = $"SELECT tx_id, seq_id, version FROM {s}.subscriptions WHERE name = $1";

    /// <summary>The checkpoint with its version, and whether committed events past it are still hidden behind the horizon.</summary>
    public string IdleCheck { get; } =
        $"""
        SELECT c.tx_id, c.seq_id, c.version, EXISTS (
            SELECT 1 FROM {s}.events e
            WHERE (e.tx_id, e.seq_id) > ($2, $3) AND e.tx_id >= pg_snapshot_xmin(pg_current_snapshot()))
        FROM {s}.subscriptions c WHERE c.name = $1
        """;

    public string LockCheckpoint { get; } = $"SELECT tx_id, seq_id, version FROM {s}.subscriptions WHERE name = $1 FOR UPDATE";

    /// <summary>
    /// Conditional: a rebuild that reset the checkpoint or recorded another version ($6; null for a subscription
    /// without one) meanwhile makes this update nothing.
    /// </summary>
    public string SaveCheckpoint { get; } =
        $"""
        UPDATE {s}.subscriptions SET tx_id = $2, seq_id = $3, updated = now()
        WHERE name = $1 AND tx_id = $4 AND seq_id = $5 AND version = coalesce($6, version)
        """;

    public string ResetCheckpoint { get; } =
        $"""
        INSERT INTO {s}.subscriptions (name) VALUES ($1)
        ON CONFLICT (name) DO UPDATE SET tx_id = '0', seq_id = 0, updated = now()
        """;

    /// <summary>A projection's checkpoint row with its version, when it has none yet; returns a row only when it created one.</summary>
    public string CreateVersionedCheckpoint { get; } =
        $"INSERT INTO {s}.subscriptions (name, version) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING RETURNING version";

    public string LockCheckpointVersion { get; } = $"SELECT version FROM {s}.subscriptions WHERE name = $1 FOR UPDATE";

    /// <summary>Follows <see cref="ResetCheckpoint"/> in a rebuild's transaction: the read model is now built by version $2.</summary>
    public string RecordCheckpointVersion { get; } = $"UPDATE {s}.subscriptions SET version = $2 WHERE name = $1";

    public string SubscriptionLock { get; } = "SELECT pg_try_advisory_lock(hashtextextended($1, 0))";

    public string SubscriptionUnlock { get; } = "SELECT pg_advisory_unlock(hashtextextended($1, 0))";

    public string Listen { get; } = $"LISTEN {s}_events";

    /// <summary>
    /// A notification need not survive a crash (subscribers poll as well), so its commit does not wait
    /// for a WAL flush and costs appenders no extra fsync.
    /// </summary>
    public string Notify { get; } = $"SELECT set_config('synchronous_commit', 'off', true), pg_notify('{s}_events', '')";

    public string SubscriptionLockKey(string name) => $"monitor.eventstore.subscription:{s}:{name}";
}
