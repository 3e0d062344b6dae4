using Monitor.Hosting.Storage;
using Npgsql;

namespace Monitor.Cli.Pipeline.Stats;

/// <summary>What the event store holds about coverage, counted per distinct stream.</summary>
/// <param name="Ingested">Streams with a coverage-ingested event.</param>
/// <param name="Extracted">Streams with a content-extracted event.</param>
/// <param name="Scored">Streams with a sentiment-scored event.</param>
/// <param name="Platforms">Items and sentiment split per platform, ordered by platform.</param>
/// <param name="EventsByType">Every event in the store, counted by type.</param>
public sealed record PipelineStatistics(
    long Ingested,
    long Extracted,
    long Scored,
    IReadOnlyList<PlatformStatistics> Platforms,
    IReadOnlyList<(string Type, long Count)> EventsByType);

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

        var labels = await QueryAsync(connection, $"""
            SELECT data->>'platform', data->>'label', count(DISTINCT stream_id)
            FROM {store.EventsTable} WHERE type = '{MonitorEventTypes.SentimentScored}'
            GROUP BY 1, 2
            """, r => (Platform: r.IsDBNull(0) ? "(none)" : r.GetString(0),
                       Label: r.IsDBNull(1) ? "" : r.GetString(1), Count: r.GetInt64(2)), cancellationToken);

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
        return new PipelineStatistics(s.Ingested, s.Extracted, s.Scored, platforms, eventsByType);
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
