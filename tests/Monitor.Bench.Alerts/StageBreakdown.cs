using Monitor.Hosting.Storage;
using Npgsql;

namespace Monitor.Bench.Alerts;

/// <summary>
/// Where the probes' time went, from the events table: CoverageIngested → SentimentScored (extraction and
/// sentiment, with the relay between), SentimentScored → AlertRaised (the alerts consumer), AlertRaised →
/// AlertDelivered (the webhook call and its append). Store timestamps are commit-side now() of each append.
/// </summary>
public static class StageBreakdown
{
    /// <param name="since">Only probes ingested from then on (the timed ones).</param>
    public static async Task<IReadOnlyList<(string Stage, Percentiles Figures)>> ReadAsync(NpgsqlDataSource dataSource, string schema, DateTimeOffset since)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT (extract(epoch FROM s.timestamp - i.timestamp) * 1000)::float8,
                   (extract(epoch FROM a.timestamp - s.timestamp) * 1000)::float8,
                   (extract(epoch FROM d.timestamp - a.timestamp) * 1000)::float8
            FROM "{schema}".mt_events a
            JOIN "{schema}".mt_events i ON i.stream_id = (a.data->'topMentions'->0->>'coverageId')::uuid AND i.type = $1
            JOIN "{schema}".mt_events s ON s.stream_id = i.stream_id AND s.type = $2
            LEFT JOIN "{schema}".mt_events d ON d.stream_id = a.stream_id AND d.type = $4
            WHERE a.type = $3 AND i.timestamp >= $5
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = MonitorEventTypes.CoverageIngested });
        command.Parameters.Add(new NpgsqlParameter { Value = MonitorEventTypes.SentimentScored });
        command.Parameters.Add(new NpgsqlParameter { Value = MonitorEventTypes.AlertRaised });
        command.Parameters.Add(new NpgsqlParameter { Value = MonitorEventTypes.AlertDelivered });
        command.Parameters.Add(new NpgsqlParameter { Value = since.UtcDateTime });
        var (scored, raised, delivered) = (new List<double>(), new List<double>(), new List<double>());
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            scored.Add(reader.GetDouble(0));
            raised.Add(reader.GetDouble(1));
            if (!reader.IsDBNull(2)) delivered.Add(reader.GetDouble(2));
        }
        return
        [
            ("ingested -> scored", Percentiles.Of(scored)),
            ("scored -> alert raised", Percentiles.Of(raised)),
            ("raised -> delivered recorded", Percentiles.Of(delivered)),
        ];
    }
}
