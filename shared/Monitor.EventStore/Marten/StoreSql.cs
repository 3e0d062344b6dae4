namespace Monitor.EventStore;

/// <summary>The SQL the store runs on Marten's tables beside Marten: the append layer's checks and the high water mark.</summary>
internal sealed class StoreSql(string schema)
{
    /// <summary>
    /// Serialises the writers of each stream for the rest of the transaction, existing streams and new ones
    /// alike, in one key order so two batches cannot deadlock.
    /// </summary>
    public string LockStreams { get; } =
        "SELECT count(pg_advisory_xact_lock(k)) FROM (SELECT DISTINCT hashtextextended(id::text, 7919) AS k FROM unnest($1::uuid[]) id ORDER BY 1) keys";

    public string StreamStates { get; } =
        $"SELECT id, coalesce(type, ''), version, is_archived, created, timestamp FROM {schema}.mt_streams WHERE id = ANY($1)";

    public string HighWaterMark { get; } =
        $"SELECT last_seq_id FROM {schema}.mt_event_progression WHERE name = 'HighWaterMark'";

    public string StoredEventIds { get; } =
        $"SELECT id, stream_id, version FROM {schema}.mt_events WHERE id = ANY($1)";

    /// <summary>Marten names a stream's type after an aggregate class; Monitor's streams are named by string.</summary>
    public string NameStreams { get; } =
        $"UPDATE {schema}.mt_streams s SET type = t.type FROM unnest(?::uuid[], ?::text[]) AS t(id, type) WHERE s.id = t.id AND s.type IS NULL";
}
