using Monitor.Hosting.Storage;
using Npgsql;

namespace Monitor.Cli.Pipeline.Stats;

/// <summary>What the event store holds about coverage, counted per distinct stream.</summary>
/// <param name="Ingested">Streams with a coverage-ingested event.</param>
/// <param name="Extracted">Streams with a content-extracted event.</param>
/// <param name="Scored">Streams with a sentiment-scored event.</param>
/// <param name="Platforms">Items and sentiment split per platform, ordered by platform.</param>
/// <param name="EventsByType">Every event in the store, counted by type.</param>
/// <param name="Rescored">Streams whose current sentiment comes from a SentimentRescored.</param>
/// <param name="Lags">How long each stage takes after the one before it, and what waits for it.</param>
public sealed record PipelineStatistics(
    long Ingested,
    long Extracted,
    long Scored,
    IReadOnlyList<PlatformStatistics> Platforms,
    IReadOnlyList<(string Type, long Count)> EventsByType,
    long Rescored = 0,
    IReadOnlyList<StageLag>? Lags = null);

/// <summary>One stage's lag: the time from the previous stage's event to this stage's, over the streams it handled.</summary>
/// <param name="Done">Streams that reached the stage.</param>
/// <param name="Waiting">Streams that reached the previous stage but not this one.</param>
/// <param name="OldestWaiting">How long the longest-waiting of those has waited; null when none waits.</param>
public sealed record StageLag(string Stage, long Done, long Waiting, TimeSpan? Median, TimeSpan? P95, TimeSpan? Max, TimeSpan? OldestWaiting);

/// <param name="Items">Streams of this platform with a coverage-ingested event.</param>
public sealed record PlatformStatistics(string Platform, long Items, long Positive, long Neutral, long Negative)
{
    public long Scored => Positive + Neutral + Negative;
}

/// <summary>Stage counts for a given set of coverage streams (the items one ingest run sent).</summary>
public sealed record StageProgress(long Ingested, long Extracted, long Scored);

/// <summary>Reads pipeline figures with plain SQL over the event store's events table.</summary>
public sealed class PipelineStatisticsReader(EventStoreConnection store)
{
    /// <summary>Streams that reached each stage, from the events table rows the filter keeps.</summary>
    private string StageCountsSql(string filter) => $"""
        SELECT
          count(DISTINCT stream_id) FILTER (WHERE type = '{MonitorEventTypes.CoverageIngested}'),
          count(DISTINCT stream_id) FILTER (WHERE type = '{MonitorEventTypes.ContentExtracted}'),
          count(DISTINCT stream_id) FILTER (WHERE type = '{MonitorEventTypes.SentimentScored}')
        FROM {store.EventsTable}
        {filter}
        """;

    private static StageProgress ReadStageCounts(NpgsqlDataReader r) => new(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2));

    public async Task<PipelineStatistics> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);

        var stages = await QueryAsync(connection, StageCountsSql(filter: ""), ReadStageCounts, cancellationToken);

        var items = await QueryAsync(connection, $"""
            SELECT data->>'platform', count(DISTINCT stream_id)
            FROM {store.EventsTable} WHERE type = '{MonitorEventTypes.CoverageIngested}'
            GROUP BY 1
            """, r => (Platform: r.IsDBNull(0) ? "(none)" : r.GetString(0), Count: r.GetInt64(1)), cancellationToken);

        // A stream's current sentiment is its latest score event: a rescore with another model replaces the first score.
        var labels = await QueryAsync(connection, $"""
            SELECT platform, label, count(*), count(*) FILTER (WHERE type = '{MonitorEventTypes.SentimentRescored}')
            FROM (SELECT DISTINCT ON (stream_id) data->>'platform' AS platform, data->>'label' AS label, type
                  FROM {store.EventsTable}
                  WHERE type IN ('{MonitorEventTypes.SentimentScored}', '{MonitorEventTypes.SentimentRescored}')
                  ORDER BY stream_id, version DESC) latest
            GROUP BY 1, 2
            """, r => (Platform: r.IsDBNull(0) ? "(none)" : r.GetString(0),
                       Label: r.IsDBNull(1) ? "" : r.GetString(1), Count: r.GetInt64(2), Rescored: r.GetInt64(3)), cancellationToken);

        var lags = await QueryAsync(connection, StageLagSql, ReadStageLag, cancellationToken);

        var eventsByType = await QueryAsync(connection, $"""
            SELECT type, count(*) FROM {store.EventsTable} GROUP BY type ORDER BY type
            """, r => (r.GetString(0), r.GetInt64(1)), cancellationToken);

        var platforms = items.Select(i => i.Platform).Union(labels.Select(l => l.Platform))
            .Order(StringComparer.Ordinal)
            .Select(p => new PlatformStatistics(
                p,
                items.Where(i => i.Platform == p).Sum(i => i.Count),
                labels.Where(l => l.Platform == p && l.Label == "positive").Sum(l => l.Count),
                labels.Where(l => l.Platform == p && l.Label == "neutral").Sum(l => l.Count),
                labels.Where(l => l.Platform == p && l.Label == "negative").Sum(l => l.Count)))
            .ToList();

        var s = stages.Single();
        return new PipelineStatistics(s.Ingested, s.Extracted, s.Scored, platforms, eventsByType, labels.Sum(l => l.Rescored), lags);
    }

    /// <summary>Per stream, when each stage's event was stored; then per stage the lag after the previous one and the backlog.</summary>
    private string StageLagSql => $"""
        WITH stages AS (
          SELECT stream_id,
                 min(timestamp) FILTER (WHERE type = '{MonitorEventTypes.CoverageIngested}') AS ingested,
                 min(timestamp) FILTER (WHERE type = '{MonitorEventTypes.ContentExtracted}') AS extracted,
                 min(timestamp) FILTER (WHERE type = '{MonitorEventTypes.SentimentScored}') AS scored
          FROM {store.EventsTable}
          WHERE type IN ('{MonitorEventTypes.CoverageIngested}', '{MonitorEventTypes.ContentExtracted}', '{MonitorEventTypes.SentimentScored}')
          GROUP BY stream_id),
        lags AS (
          SELECT 1 AS n, 'extraction' AS stage, ingested AS before, extracted AS after FROM stages
          UNION ALL
          SELECT 2, 'sentiment', extracted, scored FROM stages)
        SELECT stage,
               count(after) FILTER (WHERE before IS NOT NULL),
               count(*) FILTER (WHERE before IS NOT NULL AND after IS NULL),
               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM after - before)),
               percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM after - before)),
               max(extract(epoch FROM after - before)),
               extract(epoch FROM now() - min(before) FILTER (WHERE after IS NULL))::float8
        FROM lags GROUP BY n, stage ORDER BY n
        """;

    private static StageLag ReadStageLag(NpgsqlDataReader r)
    {
        TimeSpan? Seconds(int column) => r.IsDBNull(column) ? null : TimeSpan.FromSeconds(Math.Max(0, Convert.ToDouble(r.GetValue(column))));
        return new StageLag(r.GetString(0), r.GetInt64(1), r.GetInt64(2), Seconds(3), Seconds(4), Seconds(5), Seconds(6));
    }

    /// <summary>How many of the given streams have reached each stage.</summary>
    public async Task<StageProgress> ReadProgressAsync(IReadOnlyCollection<Guid> streamIds, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await QueryAsync(connection, StageCountsSql(filter: "WHERE stream_id = ANY(@ids)"), ReadStageCounts,
            cancellationToken, new NpgsqlParameter<Guid[]>("ids", streamIds.ToArray()));
        return rows.Single();
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(store.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            await connection.DisposeAsync();
            throw new PipelineCommandException(ExitCodes.InfrastructureUnreachable,
                $"cannot reach PostgreSQL at {store.Describe()}: {e.Message} (is it running? ./monitor provision starts it)", e);
        }
    }

    private async Task<List<T>> QueryAsync<T>(NpgsqlConnection connection, string sql, Func<NpgsqlDataReader, T> map,
        CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken)) rows.Add(map(reader));
            return rows;
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
        {
            throw new PipelineCommandException(ExitCodes.Failed,
                $"the event store has no events table in schema '{store.Schema}' ({store.Describe()}): " +
                "no service has started against it yet (./monitor up starts them)", e);
        }
        catch (NpgsqlException e) when (e is not PostgresException)
        {
            throw new PipelineCommandException(ExitCodes.InfrastructureUnreachable,
                $"lost PostgreSQL at {store.Describe()}: {e.Message}", e);
        }
    }
}
