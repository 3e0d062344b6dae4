using System.Text.Json;
using Monitor.Contracts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;

namespace Monitor.Cli.Sentiment.Rescore;

/// <summary>The questions a rescore asks Marten's events table that the store's stream API would answer one stream at a time.</summary>
internal sealed class ScoredHistory(EventStore.EventStore store)
{
    private static readonly string[] ScoreTypes = [MonitorEventTypes.SentimentScored, MonitorEventTypes.SentimentRescored];

    private string Events => $"{store.Schema}.mt_events";

    /// <summary>
    /// The last extracted-text event up to Marten's high water mark, and how many lie up to it. Reading only up to
    /// the mark is what the global log's readers do: an event whose transaction is still open may commit with a lower
    /// sequence later, so it is left to a later run. The mark is advanced first (this process runs no daemon).
    /// </summary>
    public async Task<RescoreHistory> MeasureAsync(CancellationToken ct)
    {
        await store.AdvanceHighWaterMarkAsync(ct);
        var mark = await store.HighWaterMarkAsync(ct);
        await using var connection = await store.DataSource.OpenConnectionAsync(ct);
        long until;
        await using (var head = connection.CreateCommand())
        {
            head.CommandText = $"SELECT max(seq_id) FROM {Events} WHERE type = $1 AND NOT is_archived AND seq_id <= $2";
            head.Parameters.Add(new() { Value = MonitorEventTypes.ContentExtracted });
            head.Parameters.Add(new() { Value = mark });
            if (await head.ExecuteScalarAsync(ct) is not long last) return RescoreHistory.Empty;
            until = last;
        }
        await using var count = connection.CreateCommand();
        count.CommandText = $"SELECT count(DISTINCT stream_id) FROM {Events} WHERE type = $1 AND NOT is_archived AND seq_id <= $2";
        count.Parameters.Add(new() { Value = MonitorEventTypes.ContentExtracted });
        count.Parameters.Add(new() { Value = until });
        return new RescoreHistory(new GlobalPosition(0, until), (long)(await count.ExecuteScalarAsync(ct))!);
    }

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
