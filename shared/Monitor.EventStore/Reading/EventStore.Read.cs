using JasperFx.Events;
using Marten;
using Marten.Events;
using Marten.Events.Archiving;
using Npgsql;
using JasperFx.Events.Daemon;

namespace Monitor.EventStore;

public sealed partial class EventStore
{
    /// <summary>A stream's events from <paramref name="fromVersion"/> on, in version order (empty when the stream does not exist).</summary>
    public Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(Guid streamId, long fromVersion = 1, CancellationToken ct = default)
    {
        if (fromVersion < 1) throw new ArgumentOutOfRangeException(nameof(fromVersion), fromVersion, "Stream versions start at 1.");
        return RetryAsync<IReadOnlyList<StoredEvent>>(async token =>
        {
            await using var session = Store.QuerySession();
            // Archived streams included: a stream's history stays readable after it is archived.
            var events = await session.Events.QueryAllRawEvents()
                .Where(e => e.MaybeArchived() && e.StreamId == streamId && e.Version >= fromVersion)
                .OrderBy(e => e.Version)
                .ToListAsync(token);
            return events.Select(e => MartenRows.ToStored(e, Registry)).ToArray();
        }, ct);
    }

    /// <summary>The events of many streams in one round trip, archived ones included, each in version order.</summary>
    public Task<IReadOnlyDictionary<Guid, IReadOnlyList<StoredEvent>>> ReadStreamsAsync(IReadOnlyCollection<Guid> streamIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(streamIds);
        return RetryAsync<IReadOnlyDictionary<Guid, IReadOnlyList<StoredEvent>>>(async token =>
        {
            var ids = streamIds.Distinct().ToArray();
            var streams = ids.ToDictionary(id => id, _ => (IReadOnlyList<StoredEvent>)[]);
            if (ids.Length == 0) return streams;
            await using var session = Store.QuerySession();
            var events = await session.Events.QueryAllRawEvents()
                .Where(e => e.MaybeArchived() && ids.Contains(e.StreamId))
                .OrderBy(e => e.Version)
                .ToListAsync(token);
            foreach (var stream in events.GroupBy(e => e.StreamId))
                streams[stream.Key] = stream.Select(e => MartenRows.ToStored(e, Registry)).ToArray();
            return streams;
        }, ct);
    }

    /// <summary>Folds a stream into a state; null (default) when the stream does not exist.</summary>
    public async Task<TState?> AggregateStreamAsync<TState>(Guid streamId, StreamFold<TState> fold, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(fold);
        var events = await ReadStreamAsync(streamId, 1, ct);
        if (events.Count > 0) return fold.Fold(events);
        return await FetchStreamStateAsync(streamId, ct) is not null ? fold.Initial() : default;
    }

    /// <summary>
    /// Up to <paramref name="maxCount"/> events after <paramref name="after"/>, in log order, never past Marten's high
    /// water mark. The daemon moves the mark only over sequence numbers whose transactions have ended (or, for a gap
    /// left by a rolled-back append, once PostgreSQL shows no transaction can still fill it), so a reader paging with
    /// this never passes an event that is still to commit below what it read. A daemon must run on the store: every
    /// service that follows the log runs one, and the CLI advances the mark itself (<see cref="AdvanceHighWaterMarkAsync"/>).
    /// </summary>
    public Task<IReadOnlyList<StoredEvent>> ReadAllAsync(GlobalPosition after, int maxCount, bool includeArchived = false, CancellationToken ct = default) =>
        ReadAllAsync(after, maxCount, includeArchived, eventTypes: null, ct);

    /// <summary>As above, only events whose stored type name is in <paramref name="eventTypes"/> (null: all).</summary>
    public Task<IReadOnlyList<StoredEvent>> ReadAllAsync(GlobalPosition after, int maxCount, bool includeArchived, IReadOnlyCollection<string>? eventTypes, CancellationToken ct = default)
    {
        if (maxCount < 1) throw new ArgumentOutOfRangeException(nameof(maxCount), maxCount, "Read at least one event.");
        var types = eventTypes?.ToArray();
        return RetryAsync<IReadOnlyList<StoredEvent>>(async token =>
        {
            var mark = await HighWaterMarkAsync(token);
            if (mark <= after.SeqId) return [];
            await using var session = Store.QuerySession();
            var query = session.Events.QueryAllRawEvents().Where(e => e.Sequence > after.SeqId && e.Sequence <= mark);
            if (types is not null) query = query.Where(e => types.Contains(e.EventTypeName));
            if (includeArchived) query = query.Where(e => e.MaybeArchived());
            var events = await query.OrderBy(e => e.Sequence).Take(maxCount).ToListAsync(token);
            return events.Select(e => MartenRows.ToStored(e, Registry)).ToArray();
        }, ct);
    }

    /// <summary>The sequence below which every event has committed or will never be (0 before a daemon first ran).</summary>
    public Task<long> HighWaterMarkAsync(CancellationToken ct = default) =>
        RetryAsync(async token =>
        {
            await using var cmd = DataSource.CreateCommand(_sql.HighWaterMark);
            return await cmd.ExecuteScalarAsync(token) is long mark ? mark : 0L;
        }, ct);

    /// <summary>
    /// Runs Marten's high water detection once, for a process that runs no daemon of its own (the CLI) and reads the
    /// log with <see cref="ReadAllAsync(GlobalPosition, int, bool, CancellationToken)"/>.
    /// </summary>
    public async Task AdvanceHighWaterMarkAsync(CancellationToken ct = default)
    {
        using var daemon = await Store.BuildProjectionDaemonAsync();
        await daemon.PrepareForRebuildsAsync();
    }

    public async Task<StreamState?> FetchStreamStateAsync(Guid streamId, CancellationToken ct = default) =>
        (await FetchStreamStatesAsync([streamId], ct)).GetValueOrDefault(streamId);

    public Task<IReadOnlyDictionary<Guid, StreamState>> FetchStreamStatesAsync(IReadOnlyCollection<Guid> streamIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(streamIds);
        return RetryAsync<IReadOnlyDictionary<Guid, StreamState>>(async token =>
        {
            var states = new Dictionary<Guid, StreamState>(streamIds.Count);
            if (streamIds.Count == 0) return states;
            await using var cmd = DataSource.CreateCommand(_sql.StreamStates);
            cmd.Parameters.Add(new NpgsqlParameter { Value = streamIds.ToArray() });
            await using var reader = await cmd.ExecuteReaderAsync(token);
            while (await reader.ReadAsync(token))
            {
                var state = MartenRows.StreamState(reader);
                states[state.Id] = state;
            }
            return states;
        }, ct);
    }

    /// <summary>
    /// Every event of <paramref name="eventTypes"/> committed when the read began, in log order: what a service
    /// loads its state from once, at start. Pages are read in one REPEATABLE READ transaction, one snapshot.
    /// </summary>
    public Task<IReadOnlyList<StoredEvent>> ReadAllCommittedAsync(IReadOnlyCollection<string> eventTypes, bool includeArchived = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(eventTypes);
        if (eventTypes.Count == 0) throw new ArgumentException("Name the event types to read.", nameof(eventTypes));
        var types = eventTypes.ToArray();
        return RetryAsync<IReadOnlyList<StoredEvent>>(async token =>
        {
            await using var session = Store.QuerySession(new Marten.Services.SessionOptions { IsolationLevel = System.Data.IsolationLevel.RepeatableRead });
            var query = session.Events.QueryAllRawEvents().Where(e => types.Contains(e.EventTypeName));
            if (includeArchived) query = query.Where(e => e.MaybeArchived());
            var events = await query.OrderBy(e => e.Sequence).ToListAsync(token);
            return events.Select(e => MartenRows.ToStored(e, Registry)).ToArray();
        }, ct);
    }

    /// <summary>Marks a stream archived: subscriptions skip its events unless they ask for archived ones, and it takes no more appends.</summary>
    public Task ArchiveStreamAsync(Guid streamId, CancellationToken ct = default) =>
        RetryAsync<bool>(async token =>
        {
            await using var session = Store.LightweightSession();
            if (await session.Events.FetchStreamStateAsync(streamId, token) is null)
                throw new EventStoreException($"Cannot archive stream {streamId}: it does not exist.");
            session.Events.ArchiveStream(streamId);
            await session.SaveChangesAsync(token);
            return true;
        }, ct);
}
