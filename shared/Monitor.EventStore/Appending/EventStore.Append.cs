using JasperFx.Events;
using Marten;
using Marten.Services;
using Npgsql;

namespace Monitor.EventStore;

public sealed partial class EventStore
{
    /// <summary>
    /// Appends events to one stream. Throws <see cref="ConcurrencyException"/> when the stream is not at
    /// <paramref name="expected"/>; re-appending events whose ids are stored is a success with
    /// <see cref="AppendResult.WasDuplicate"/> set.
    /// </summary>
    public async Task<AppendResult> AppendAsync(Guid streamId, string streamType, ExpectedVersion expected, IReadOnlyList<EventData> events, CancellationToken ct = default)
    {
        var outcomes = await AppendBatchAsync([new StreamAppend(streamId, streamType, expected, events)], ct);
        return ToResult(outcomes[0], expected);
    }

    /// <summary>
    /// Appends to many streams in one transaction. A stream whose expected version does not match is reported
    /// as <see cref="AppendStatus.Conflict"/> and does not stop the others. Outcomes come back in the order of
    /// <paramref name="appends"/>.
    /// </summary>
    public Task<IReadOnlyList<StreamAppendOutcome>> AppendBatchAsync(IReadOnlyList<StreamAppend> appends, CancellationToken ct = default)
    {
        AppendRequest.Check(appends, Registry);
        if (appends.Count == 0) return Task.FromResult<IReadOnlyList<StreamAppendOutcome>>([]);
        var headers = Options.RecordTraceContext ? TraceContextHeaders.OfCurrentActivityAsDictionary() : null;
        return RetryAsync<IReadOnlyList<StreamAppendOutcome>>(async token =>
        {
            await using var connection = await DataSource.OpenConnectionAsync(token);
            await using var tx = await connection.BeginTransactionAsync(token);
            var outcomes = await AppendInTransactionAsync(tx, appends, headers, token);
            await tx.CommitAsync(token);
            Diagnostics.StoreMetrics.Appended(appends, outcomes, Registry);
            return outcomes;
        }, ct);
    }

    internal static AppendResult ToResult(StreamAppendOutcome outcome, ExpectedVersion expected) => outcome.Status switch
    {
        AppendStatus.Appended => new AppendResult(outcome.StreamId, outcome.Version, WasDuplicate: false),
        AppendStatus.Duplicate => new AppendResult(outcome.StreamId, outcome.Version, WasDuplicate: true),
        AppendStatus.Conflict => throw new ConcurrencyException(outcome.StreamId, expected, outcome.Version == 0 ? null : outcome.Version),
        AppendStatus.Archived => throw new StreamArchivedException(outcome.StreamId),
        _ => throw new EventStoreException($"Unknown append status {outcome.Status} for stream {outcome.StreamId}."),
    };

    /// <summary>
    /// Everything is decided under the streams' locks before Marten sees an event: which events are stored
    /// already (a duplicate never reaches Marten's unique index, where it would burn a sequence number), which
    /// streams conflict or are archived. Marten then appends the rest with the exact versions read, so its
    /// own optimistic check cannot fail for one stream and roll back the others.
    /// </summary>
    internal async Task<IReadOnlyList<StreamAppendOutcome>> AppendInTransactionAsync(
        NpgsqlTransaction tx, IReadOnlyList<StreamAppend> appends, IReadOnlyDictionary<string, string>? defaultHeaders, CancellationToken ct)
    {
        var connection = tx.Connection ?? throw new ArgumentException("The transaction is already completed.", nameof(tx));
        var streamIds = appends.Select(a => a.StreamId).ToArray();
        var eventIds = appends.SelectMany(a => a.Events.Select(e => e.Id)).ToArray();

        var states = new Dictionary<Guid, StreamState>();
        var stored = new Dictionary<Guid, (Guid StreamId, long Version)>();
        await using (var batch = new NpgsqlBatch(connection, tx))
        {
            batch.BatchCommands.Add(Command(_sql.LockStreams, streamIds));
            batch.BatchCommands.Add(Command(_sql.StreamStates, streamIds));
            batch.BatchCommands.Add(Command(_sql.StoredEventIds, eventIds));
            await using var reader = await batch.ExecuteReaderAsync(ct);
            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var state = MartenRows.StreamState(reader);
                states[state.Id] = state;
            }
            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct))
                stored[reader.GetGuid(0)] = (reader.GetGuid(1), reader.GetInt64(2));
        }

        var outcomes = new StreamAppendOutcome[appends.Count];
        var toAppend = new List<(int Index, StreamAppend Append, long Base)>();
        for (var i = 0; i < appends.Count; i++)
        {
            var append = appends[i];
            var state = states.GetValueOrDefault(append.StreamId);
            var decided = Decide(append, state, stored);
            if (decided is not null) outcomes[i] = decided;
            else toAppend.Add((i, append, state?.Version ?? 0));
        }
        if (toAppend.Count == 0) return outcomes;

        await using var session = Store.LightweightSession(SessionOptions.ForTransaction(tx));
        foreach (var (_, append, baseVersion) in toAppend)
        {
            var events = append.Events.Select(e => Wrap(session, e, defaultHeaders)).ToArray();
            session.Events.Append(append.StreamId, baseVersion + events.Length, events);
        }
        var created = toAppend.Where(x => x.Base == 0).ToArray();
        if (created.Length > 0)
            session.QueueSqlCommand(_sql.NameStreams, created.Select(x => x.Append.StreamId).ToArray(), created.Select(x => x.Append.StreamType).ToArray());
        await session.SaveChangesAsync(ct);

        foreach (var (index, append, baseVersion) in toAppend)
            outcomes[index] = new StreamAppendOutcome(append.StreamId, AppendStatus.Appended, baseVersion + append.Events.Count);
        return outcomes;
    }

    /// <summary>The outcome of a stream that takes no events (duplicate, conflict, archived); null when it takes them.</summary>
    private static StreamAppendOutcome? Decide(StreamAppend append, StreamState? state, IReadOnlyDictionary<Guid, (Guid StreamId, long Version)> stored)
    {
        var found = append.Events.Where(e => stored.ContainsKey(e.Id)).Select(e => stored[e.Id]).ToArray();
        if (found.Length > 0)
        {
            var foreign = found.Count(f => f.StreamId != append.StreamId);
            // A redelivered append reads as success, whatever version it expected the first time.
            if (found.Length == append.Events.Count && foreign == 0)
                return new StreamAppendOutcome(append.StreamId, AppendStatus.Duplicate, found.Max(f => f.Version));
            throw new EventStoreException(
                $"append to stream {append.StreamId}: {found.Length} of its {append.Events.Count} event ids are already stored" +
                (foreign > 0 ? $" ({foreign} in other streams)" : "") + "; a re-append must repeat exactly the same events");
        }

        var expected = append.Expected.Value;
        if (state is null)
            return expected > 0 ? new StreamAppendOutcome(append.StreamId, AppendStatus.Conflict, 0) : null;
        if (state.Archived) return new StreamAppendOutcome(append.StreamId, AppendStatus.Archived, state.Version);
        if (expected >= 0 && expected != state.Version) return new StreamAppendOutcome(append.StreamId, AppendStatus.Conflict, state.Version);
        return null;
    }

    private static IEvent Wrap(IDocumentSession session, EventData data, IReadOnlyDictionary<string, string>? defaultHeaders)
    {
        var e = session.Events.BuildEvent(data.Data);
        e.Id = data.Id;
        foreach (var (key, value) in (data.Headers is { Count: > 0 } own ? own : defaultHeaders) ?? MartenRows.NoHeaders)
            e.SetHeader(key, value);
        return e;
    }

    private static NpgsqlBatchCommand Command(string sql, object value)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }
}
