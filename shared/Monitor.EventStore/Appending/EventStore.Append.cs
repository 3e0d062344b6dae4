using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Monitor.EventStore;

public sealed partial class EventStore
{
    /// <summary>
    /// Appends events to one stream in one round trip. Throws <see cref="ConcurrencyException"/> when the
    /// stream is not at <paramref name="expected"/>; re-appending events whose ids are stored is a success
    /// with <see cref="AppendResult.WasDuplicate"/> set.
    /// </summary>
    public async Task<AppendResult> AppendAsync(Guid streamId, string streamType, ExpectedVersion expected, IReadOnlyList<EventData> events, CancellationToken ct = default)
    {
        var outcomes = await AppendBatchAsync([new StreamAppend(streamId, streamType, expected, events)], ct);
        return ToResult(outcomes[0], expected);
    }

    /// <summary>Appends inside the caller's transaction (e.g. a subscription handler's); no retries.</summary>
    public async Task<AppendResult> AppendAsync(NpgsqlTransaction transaction, Guid streamId, string streamType, ExpectedVersion expected, IReadOnlyList<EventData> events, CancellationToken ct = default)
    {
        var outcomes = await AppendBatchAsync(transaction, [new StreamAppend(streamId, streamType, expected, events)], ct);
        return ToResult(outcomes[0], expected);
    }

    /// <summary>
    /// Appends to many streams in one transaction and one round trip. A stream whose expected version
    /// does not match is reported as <see cref="AppendStatus.Conflict"/> and does not stop the others.
    /// Outcomes come back in the order of <paramref name="appends"/>.
    /// </summary>
    public async Task<IReadOnlyList<StreamAppendOutcome>> AppendBatchAsync(IReadOnlyList<StreamAppend> appends, CancellationToken ct = default)
    {
        var request = AppendRequest.Build(appends, Registry, TraceHeaders());
        if (request.IsEmpty) return [];
        var inline = InlineProjections();

        var outcomes = await RetryAsync(async token =>
        {
            if (inline.Length == 0)
            {
                // autocommit: one round trip, no explicit transaction
                await using var cmd = DataSource.CreateCommand(request.IsSingleStream ? Sql.AppendStream : Sql.Append);
                return await ExecuteAppendAsync(cmd, request, token);
            }

            await using var connection = await DataSource.OpenConnectionAsync(token);
            await using var tx = await connection.BeginTransactionAsync(token);
            var result = await AppendInTransactionAsync(tx, request, inline, token);
            await tx.CommitAsync(token);
            return result;
        }, ct);
        if (outcomes.Any(o => o.Status == AppendStatus.Appended)) Notifier.Signal();
        Diagnostics.StoreMetrics.Appended(request, outcomes);
        return outcomes;
    }

    /// <summary>
    /// Batched append inside the caller's transaction; no retries (the caller owns the transaction).
    /// Subscriptions learn of these events at their next poll, or call <see cref="NotifySubscribers"/>
    /// after committing (a subscription handler appending through its context needs neither).
    /// </summary>
    public async Task<IReadOnlyList<StreamAppendOutcome>> AppendBatchAsync(NpgsqlTransaction transaction, IReadOnlyList<StreamAppend> appends, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var request = AppendRequest.Build(appends, Registry, TraceHeaders());
        if (request.IsEmpty) return [];
        try
        {
            // Counted before the caller commits; a rolled-back transaction still counts (rare: subscription handlers).
            var outcomes = await AppendInTransactionAsync(transaction, request, InlineProjections(), ct);
            Diagnostics.StoreMetrics.Appended(request, outcomes);
            return outcomes;
        }
        catch (PostgresException e) { throw Explain(e); }
    }

    /// <summary>Wakes subscriptions in every process now rather than at their next poll.</summary>
    public void NotifySubscribers() => Notifier.Signal();

    private async Task<IReadOnlyList<StreamAppendOutcome>> AppendInTransactionAsync(
        NpgsqlTransaction tx, AppendRequest request, IInlineProjection[] inline, CancellationToken ct)
    {
        var connection = tx.Connection ?? throw new ArgumentException("The transaction is already completed.", nameof(tx));
        IReadOnlyList<StreamAppendOutcome> outcomes;
        await using (var cmd = new NpgsqlCommand(request.IsSingleStream ? Sql.AppendStream : Sql.Append, connection, tx))
            outcomes = await ExecuteAppendAsync(cmd, request, ct);

        if (inline.Length == 0) return outcomes;
        var appendedIds = request.EventIdsOf(outcomes.Where(o => o.Status == AppendStatus.Appended).Select(o => o.StreamId));
        if (appendedIds.Length == 0) return outcomes;

        var stored = await ReadByIdsAsync(connection, tx, appendedIds, ct);
        foreach (var projection in inline)
            await projection.ApplyAsync(stored, connection, tx, ct);
        return outcomes;
    }

    private static async Task<IReadOnlyList<StreamAppendOutcome>> ExecuteAppendAsync(NpgsqlCommand cmd, AppendRequest request, CancellationToken ct)
    {
        if (request.IsSingleStream) return await ExecuteSingleStreamAppendAsync(cmd, request, ct);

        cmd.Parameters.Add(new NpgsqlParameter { Value = request.StreamIds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        cmd.Parameters.Add(new NpgsqlParameter { Value = request.StreamTypes, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = request.Expected, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        cmd.Parameters.Add(new NpgsqlParameter { Value = request.Counts, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        cmd.Parameters.Add(new NpgsqlParameter { Value = request.EventStreams, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        cmd.Parameters.Add(new NpgsqlParameter { Value = request.Ordinals, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        cmd.Parameters.Add(new NpgsqlParameter { Value = request.EventIds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        cmd.Parameters.Add(new NpgsqlParameter { Value = request.EventTypes, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = request.Data, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        cmd.Parameters.Add(new NpgsqlParameter { Value = request.Headers, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });

        var byStream = new Dictionary<Guid, StreamAppendOutcome>(request.StreamIds.Length);
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var id = reader.GetGuid(0);
                var status = (AppendStatus)reader.GetInt32(1);
                byStream[id] = new StreamAppendOutcome(id, status, reader.GetInt32(2));
            }
        }
        return request.InCallerOrder(byStream);
    }

    /// <summary>append_stream: the same rules for one stream, in fewer statements.</summary>
    private static async Task<IReadOnlyList<StreamAppendOutcome>> ExecuteSingleStreamAppendAsync(NpgsqlCommand cmd, AppendRequest request, CancellationToken ct)
    {
        var streamId = request.StreamIds[0];
        cmd.Parameters.AddWithValue(streamId);
        cmd.Parameters.AddWithValue(request.StreamTypes[0]);
        cmd.Parameters.AddWithValue(request.Expected[0]);
        cmd.Parameters.Add(new NpgsqlParameter { Value = request.EventIds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        cmd.Parameters.Add(new NpgsqlParameter { Value = request.EventTypes, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = request.Data, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        cmd.Parameters.Add(new NpgsqlParameter { Value = request.Headers, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
            throw new EventStoreException($"The append function returned no outcome for stream {streamId}.");
        return [new StreamAppendOutcome(streamId, (AppendStatus)reader.GetInt32(0), reader.GetInt32(1))];
    }

    internal static AppendResult ToResult(StreamAppendOutcome outcome, ExpectedVersion expected) => outcome.Status switch
    {
        AppendStatus.Appended => new AppendResult(outcome.StreamId, outcome.Version, WasDuplicate: false),
        AppendStatus.Duplicate => new AppendResult(outcome.StreamId, outcome.Version, WasDuplicate: true),
        AppendStatus.Conflict => throw new ConcurrencyException(outcome.StreamId, expected, outcome.Version == 0 ? null : outcome.Version),
        AppendStatus.Archived => throw new StreamArchivedException(outcome.StreamId),
        _ => throw new EventStoreException($"Unknown append status {outcome.Status} for stream {outcome.StreamId}."),
    };

    private string? TraceHeaders() => Options.RecordTraceContext ? TraceContextHeaders.OfCurrentActivity() : null;

    internal static string? SerializeHeaders(IReadOnlyDictionary<string, string>? headers) =>
        headers is null || headers.Count == 0 ? null : JsonSerializer.Serialize(headers);
}
