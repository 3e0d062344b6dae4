using System.Text.Json;
using Monitor.Contracts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;
using NpgsqlTypes;

namespace Monitor.Cli.Sentiment.Rescore;

/// <summary>The questions a rescore asks the events table that the store's stream API would answer one stream at a time.</summary>
internal sealed class ScoredHistory(EventStore.EventStore store)
{
    private static readonly string[] ScoreTypes = [MonitorEventTypes.SentimentScored, MonitorEventTypes.SentimentRescored];

    private string Events => $"{store.Schema}.events";

    /// <summary>
    /// The last extracted-text event below the oldest running transaction, and how many lie up to it.
    /// Reading only below that horizon is what the global log's readers do: an event whose transaction
    /// is still open may commit with a lower position later, so it is left to a later run.
    /// </summary>
    public async Task<RescoreHistory> MeasureAsync(CancellationToken ct)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(ct);
        await AwaitTransactionsOpenAtStartAsync(connection, ct);
        GlobalPosition until;
        await using (var head = connection.CreateCommand())
        {
            head.CommandText = $"""
                SELECT tx_id, seq_id FROM {Events}
                WHERE type = $1 AND NOT archived AND tx_id < pg_snapshot_xmin(pg_current_snapshot())
                ORDER BY tx_id DESC, seq_id DESC LIMIT 1
                """;
            head.Parameters.Add(new() { Value = MonitorEventTypes.ContentExtracted });
            await using var reader = await head.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct)) return RescoreHistory.Empty;
            until = new GlobalPosition(reader.GetFieldValue<ulong>(0), reader.GetInt64(1));
        }
        await using var count = connection.CreateCommand();
        count.CommandText = $"SELECT count(DISTINCT stream_id) FROM {Events} WHERE type = $1 AND NOT archived AND (tx_id, seq_id) <= ($2, $3)";
        count.Parameters.Add(new() { Value = MonitorEventTypes.ContentExtracted });
        count.Parameters.Add(new() { Value = until.TxId, NpgsqlDbType = NpgsqlDbType.Xid8 });
        count.Parameters.Add(new() { Value = until.SeqId });
        return new RescoreHistory(until, (long)(await count.ExecuteScalarAsync(ct))!);
    }

    /// <summary>
    /// Waits (bounded) until every transaction that was open when the run began has ended. Without
    /// this, an append still committing elsewhere in the cluster holds the horizon below items that
    /// were already stored, and the run would pass over them. A transaction open longer than the
    /// bound leaves its items to the next run.
    /// </summary>
    private static async Task AwaitTransactionsOpenAtStartAsync(Npgsql.NpgsqlConnection connection, CancellationToken ct)
    {
        await using var start = connection.CreateCommand();
        start.CommandText = "SELECT pg_snapshot_xmax(pg_current_snapshot())";
        var openAtStart = (ulong)(await start.ExecuteScalarAsync(ct))!;
        await using var passed = connection.CreateCommand();
        passed.CommandText = "SELECT pg_snapshot_xmin(pg_current_snapshot()) >= $1";
        passed.Parameters.Add(new() { Value = openAtStart, NpgsqlDbType = NpgsqlDbType.Xid8 });
        var deadline = DateTime.UtcNow + HorizonWait;
        while (!(bool)(await passed.ExecuteScalarAsync(ct))! && DateTime.UtcNow < deadline)
            await Task.Delay(TimeSpan.FromMilliseconds(50), ct);
    }

    private static readonly TimeSpan HorizonWait = TimeSpan.FromSeconds(30);

    /// <summary>Per stream that has been scored: its latest score, and whether the store holds its event of <paramref name="rescoreIds"/> (stream to rescore event id).</summary>
    public async Task<IReadOnlyDictionary<Guid, CurrentScore>> CurrentScoresAsync(
        IReadOnlyDictionary<Guid, Guid> rescoreIds, CancellationToken ct)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(ct);
        var rescored = new HashSet<Guid>();
        await using (var existing = connection.CreateCommand())
        {
            existing.CommandText = $"SELECT stream_id FROM {Events} WHERE id = ANY($1)";
            existing.Parameters.Add(new() { Value = rescoreIds.Values.ToArray() });
            await using var reader = await existing.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) rescored.Add(reader.GetGuid(0));
        }

        var scores = new Dictionary<Guid, CurrentScore>(rescoreIds.Count);
        await using var latest = connection.CreateCommand();
        latest.CommandText = $"""
            SELECT DISTINCT ON (stream_id) stream_id, type, data::text FROM {Events}
            WHERE stream_id = ANY($1) AND type = ANY($2)
            ORDER BY stream_id, version DESC
            """;
        latest.Parameters.Add(new() { Value = rescoreIds.Keys.ToArray() });
        latest.Parameters.Add(new() { Value = ScoreTypes });
        await using (var reader = await latest.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var stream = reader.GetGuid(0);
                var (version, label) = Read(reader.GetString(1), reader.GetString(2));
                scores[stream] = new CurrentScore(version, label, rescored.Contains(stream));
            }
        }
        return scores;
    }

    private (string ModelVersion, string Label) Read(string type, string json)
    {
        var data = JsonSerializer.Deserialize(json, store.Registry.TypeOf(type), store.Registry.JsonOptions);
        return data switch
        {
            SentimentScored s => (s.ModelVersion, s.Label),
            SentimentRescored r => (r.ModelVersion, r.Label),
            _ => throw new EventStoreException($"A stored '{type}' event did not read as a sentiment score."),
        };
    }
}
