using Npgsql;
using NpgsqlTypes;

namespace Monitor.EventStore;

public sealed partial class EventStore
{
    /// <summary>A stream's events from <paramref name="fromVersion"/> on, in version order (empty when the stream does not exist).</summary>
    public Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(Guid streamId, long fromVersion = 1, CancellationToken ct = default)
    {
        if (fromVersion < 1) throw new ArgumentOutOfRangeException(nameof(fromVersion), fromVersion, "Stream versions start at 1.");
        return RetryAsync(async token =>
        {
            await using var cmd = DataSource.CreateCommand(Sql.ReadStream);
            cmd.Parameters.AddWithValue(streamId);
            cmd.Parameters.AddWithValue((int)Math.Min(fromVersion, int.MaxValue));
            return await ReadEventsAsync(cmd, token);
        }, ct);
    }

    /// <summary>
    /// The events of many streams in one round trip: every requested id maps to its events in version
    /// order (an empty list when the stream does not exist).
    /// </summary>
    public Task<IReadOnlyDictionary<Guid, IReadOnlyList<StoredEvent>>> ReadStreamsAsync(IReadOnlyCollection<Guid> streamIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(streamIds);
        return RetryAsync<IReadOnlyDictionary<Guid, IReadOnlyList<StoredEvent>>>(async token =>
        {
            var streams = new Dictionary<Guid, IReadOnlyList<StoredEvent>>(streamIds.Count);
            if (streamIds.Count == 0) return streams;
            await using var cmd = DataSource.CreateCommand(Sql.ReadStreams);
            cmd.Parameters.AddWithValue(streamIds.Distinct().ToArray());
            foreach (var stream in (await ReadEventsAsync(cmd, token)).GroupBy(e => e.StreamId))
                streams[stream.Key] = stream.ToList();
            foreach (var id in streamIds) streams.TryAdd(id, []);
            return streams;
        }, ct);
    }

    /// <summary>Folds a stream into a state; null (default) when the stream does not exist.</summary>
    public async Task<TState?> AggregateStreamAsync<TState>(Guid streamId, StreamFold<TState> fold, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(fold);
        var events = await ReadStreamAsync(streamId, 1, ct);
        if (events.Count > 0) return fold.Fold(events);
        return await StreamExistsAsync(streamId, ct) ? fold.Initial() : default;
    }

    public Task<StreamState?> FetchStreamStateAsync(Guid streamId, CancellationToken ct = default) =>
        RetryAsync(async token =>
        {
            await using var cmd = DataSource.CreateCommand(Sql.FetchStream);
            cmd.Parameters.AddWithValue(streamId);
            await using var reader = await cmd.ExecuteReaderAsync(token);
            return await reader.ReadAsync(token) ? ReadStreamState(reader) : null;
        }, ct);

    public Task<IReadOnlyDictionary<Guid, StreamState>> FetchStreamStatesAsync(IReadOnlyCollection<Guid> streamIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(streamIds);
        return RetryAsync<IReadOnlyDictionary<Guid, StreamState>>(async token =>
        {
            var states = new Dictionary<Guid, StreamState>(streamIds.Count);
            if (streamIds.Count == 0) return states;
            await using var cmd = DataSource.CreateCommand(Sql.FetchStreams);
            cmd.Parameters.AddWithValue(streamIds.ToArray());
            await using var reader = await cmd.ExecuteReaderAsync(token);
            while (await reader.ReadAsync(token))
            {
                var state = ReadStreamState(reader);
                states[state.Id] = state;
            }
            return states;
        }, ct);
    }

    /// <summary>
    /// The global log after <paramref name="after"/>, in (tx_id, seq_id) order, only up to the oldest
    /// transaction still running: an event whose transaction is open is waited for, never skipped.
    /// </summary>
    public Task<IReadOnlyList<StoredEvent>> ReadAllAsync(GlobalPosition after, int maxCount, bool includeArchived = false, CancellationToken ct = default) =>
        ReadAllAsync(after, maxCount, includeArchived, eventTypes: null, ct);

    /// <summary>As above, only events whose stored type name is in <paramref name="eventTypes"/> (null: all).</summary>
    public Task<IReadOnlyList<StoredEvent>> ReadAllAsync(GlobalPosition after, int maxCount, bool includeArchived, IReadOnlyCollection<string>? eventTypes, CancellationToken ct = default)
    {
        if (maxCount < 1) throw new ArgumentOutOfRangeException(nameof(maxCount), maxCount, "Read at least one event.");
        return RetryAsync(async token =>
        {
            await using var connection = await DataSource.OpenConnectionAsync(token);
            return await ReadAllAsync(connection, null, after, maxCount, includeArchived, eventTypes, rawData: false, token);
        }, ct);
    }

    /// <summary>
    /// Every event of <paramref name="eventTypes"/> committed when the read began, in (tx_id, seq_id) order: what a
    /// service loads its state from once, at start. Unlike <see cref="ReadAllAsync(GlobalPosition, int, bool, IReadOnlyCollection{string}?, CancellationToken)"/>
    /// it does not stop at the oldest open transaction: an event committed after some older transaction that is still
    /// open would otherwise be missing from the state, and a one-time load has no later read to find it. Pages are read
    /// in one REPEATABLE READ transaction, so together they are one snapshot.
    /// </summary>
    public Task<IReadOnlyList<StoredEvent>> ReadAllCommittedAsync(IReadOnlyCollection<string> eventTypes, bool includeArchived = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(eventTypes);
        if (eventTypes.Count == 0) throw new ArgumentException("Name the event types to read.", nameof(eventTypes));
        return RetryAsync(async token =>
        {
            const int page = 1000;
            var events = new List<StoredEvent>();
            await using var connection = await DataSource.OpenConnectionAsync(token);
            await using var tx = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, token);
            var after = GlobalPosition.Start;
            while (true)
            {
                var read = await ReadAllAsync(connection, tx, after, page, includeArchived, eventTypes, rawData: false, token, pastHorizon: true);
                events.AddRange(read);
                if (read.Count < page) break;
                after = read[^1].Position;
            }
            await tx.CommitAsync(token);
            return (IReadOnlyList<StoredEvent>)events;
        }, ct);
    }

    /// <summary>Marks a stream archived: subscriptions skip its events unless they ask for archived ones, and it takes no more appends.</summary>
    public Task ArchiveStreamAsync(Guid streamId, CancellationToken ct = default) =>
        RetryAsync(async token =>
        {
            await using var connection = await DataSource.OpenConnectionAsync(token);
            await using var tx = await connection.BeginTransactionAsync(token);
            await using (var exists = new NpgsqlCommand(Sql.StreamExists, connection, tx))
            {
                exists.Parameters.AddWithValue(streamId);
                if (!(bool)(await exists.ExecuteScalarAsync(token))!)
                    throw new EventStoreException($"Cannot archive stream {streamId}: it does not exist.");
            }
            await using (var archive = new NpgsqlCommand(Sql.Archive, connection, tx))
            {
                archive.Parameters.AddWithValue(streamId);
                await archive.ExecuteNonQueryAsync(token);
            }
            await tx.CommitAsync(token);
        }, ct);

    internal async Task<IReadOnlyList<StoredEvent>> ReadAllAsync(
        NpgsqlConnection connection, NpgsqlTransaction? tx, GlobalPosition after, int maxCount,
        bool includeArchived, IReadOnlyCollection<string>? eventTypes, bool rawData, CancellationToken ct, bool pastHorizon = false)
    {
        var filter = eventTypes is { Count: > 0 };
        await using var cmd = new NpgsqlCommand(Sql.ReadAll(includeArchived, filter, pastHorizon), connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = after.TxId, NpgsqlDbType = NpgsqlDbType.Xid8 });
        cmd.Parameters.AddWithValue(after.SeqId);
        cmd.Parameters.AddWithValue(maxCount);
        if (filter) cmd.Parameters.AddWithValue(eventTypes!.ToArray());
        return await ReadEventsAsync(cmd, ct, rawData);
    }

    /// <summary>
    /// Locks a subscription's checkpoint row (position and version) and reads the batch after <paramref name="after"/>
    /// in one round trip: what a subscription does when it expects more events (catching up).
    /// </summary>
    internal async Task<(StoredCheckpoint Checkpoint, IReadOnlyList<StoredEvent> Events)> LockCheckpointAndReadAllAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, string subscription, GlobalPosition after, int maxCount,
        bool includeArchived, IReadOnlyCollection<string>? eventTypes, bool rawData, CancellationToken ct)
    {
        var filter = eventTypes is { Count: > 0 };
        await using var batch = new NpgsqlBatch(connection, tx);
        var lockCheckpoint = new NpgsqlBatchCommand(Sql.LockCheckpoint);
        lockCheckpoint.Parameters.AddWithValue(subscription);
        var read = new NpgsqlBatchCommand(Sql.ReadAll(includeArchived, filter));
        read.Parameters.Add(new NpgsqlParameter { Value = after.TxId, NpgsqlDbType = NpgsqlDbType.Xid8 });
        read.Parameters.AddWithValue(after.SeqId);
        read.Parameters.AddWithValue(maxCount);
        if (filter) read.Parameters.AddWithValue(eventTypes!.ToArray());
        batch.BatchCommands.Add(lockCheckpoint);
        batch.BatchCommands.Add(read);

        await using var reader = await batch.ExecuteReaderAsync(ct);
        var checkpoint = await reader.ReadAsync(ct) ? StoredCheckpoint.Read(reader) : StoredCheckpoint.Missing;
        await reader.NextResultAsync(ct);
        var events = new List<StoredEvent>();
        while (await reader.ReadAsync(ct))
            events.Add(EventRow.Read(reader, Registry, rawData));
        return (checkpoint, events);
    }

    internal async Task<IReadOnlyList<StoredEvent>> ReadByIdsAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, Guid[] ids, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(Sql.ReadByIds, connection, tx);
        cmd.Parameters.AddWithValue(ids);
        return await ReadEventsAsync(cmd, ct);
    }

    private async Task<bool> StreamExistsAsync(Guid streamId, CancellationToken ct) =>
        await RetryAsync(async token =>
        {
            await using var cmd = DataSource.CreateCommand(Sql.StreamExists);
            cmd.Parameters.AddWithValue(streamId);
            return (bool)(await cmd.ExecuteScalarAsync(token))!;
        }, ct);

    private async Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(NpgsqlCommand cmd, CancellationToken ct, bool rawData = false)
    {
        var events = new List<StoredEvent>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            events.Add(EventRow.Read(reader, Registry, rawData));
        return events;
    }

    private static StreamState ReadStreamState(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetString(1),
        reader.GetInt32(2),
        reader.GetBoolean(3),
        reader.GetFieldValue<DateTimeOffset>(4),
        reader.GetFieldValue<DateTimeOffset>(5));
}
