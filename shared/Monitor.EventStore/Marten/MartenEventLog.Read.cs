using JasperFx.Events;
using Marten;
using Marten.Events;
using Marten.Events.Archiving;
using Npgsql;

namespace Monitor.EventStore;

public sealed partial class MartenEventLog
{
    /// <summary>A stream's events from <paramref name="fromVersion"/> on, in version order (empty when the stream does not exist).</summary>
    public Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(Guid streamId, long fromVersion = 1, CancellationToken ct = default)
    {
        if (fromVersion < 1) throw new ArgumentOutOfRangeException(nameof(fromVersion), fromVersion, "Stream versions start at 1.");
        return RetryAsync<IReadOnlyList<StoredEvent>>(async token =>
        {
            await using var session = Store.QuerySession();
            var events = await session.Events.FetchStreamAsync(streamId, fromVersion: fromVersion, token: token);
            return events.Select(MartenRows.ToStored).ToArray();
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
                .OrderBy(e => e.Sequence)
                .ToListAsync(token);
            foreach (var stream in events.GroupBy(e => e.StreamId))
                streams[stream.Key] = stream.OrderBy(e => e.Version).Select(MartenRows.ToStored).ToArray();
            return streams;
        }, ct);
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
            return events.Select(MartenRows.ToStored).ToArray();
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
