using Monitor.Api.Querying;
using Monitor.Contracts;
using Monitor.ReadModels;
using Npgsql;

namespace Monitor.Api.Analytics;

/// <summary>Aggregates over the read models. Buckets are UTC; a mention counts in the timeline once it is scored.</summary>
internal sealed class AnalyticsQueries(NpgsqlDataSource dataSource, ReadModelCatalogue readModels)
{
    private ReadModelTables Tables { get; } = new(readModels.Schema);

    /// <summary>
    /// Filters of time and platform alone, on whole minutes, are answered from the per-minute counts
    /// (rm_sentiment_minutes); anything finer goes through the mentions themselves. Both give the same numbers.
    /// </summary>
    public async Task<IReadOnlyList<TimelinePoint>> TimelineAsync(MentionFilter filter, string bucket, CancellationToken ct)
    {
        var where = new SqlWhere();
        var trunc = where.Add(bucket);
        string sql;
        if (filter.OnlyTimeAndPlatform && Bucket.OnMinute(filter.From) && Bucket.OnMinute(filter.To))
        {
            if (filter.From is { } from) where.And($"t.minute >= {where.Add(from)}");
            if (filter.To is { } to) where.And($"t.minute < {where.Add(to)}");
            if (filter.Platforms.Count > 0) where.And($"t.platform = ANY({where.Add(MentionFilter.TextArray(filter.Platforms))})");
            sql = $"""
                SELECT date_trunc({trunc}, t.minute, 'UTC') AS bucket, t.platform,
                       sum(t.positive)::bigint, sum(t.neutral)::bigint, sum(t.negative)::bigint, sum(t.score_sum)
                FROM {Tables.SentimentMinutes} t {where}
                GROUP BY 1, 2 ORDER BY 1, 2
                """;
        }
        else
        {
            filter.Apply(where).And("m.sentiment_label IS NOT NULL");
            sql = $"""
                SELECT date_trunc({trunc}, m.published_at, 'UTC') AS bucket, m.platform,
                       count(*) FILTER (WHERE m.sentiment_label = '{SentimentLabels.Positive}'),
                       count(*) FILTER (WHERE m.sentiment_label = '{SentimentLabels.Neutral}'),
                       count(*) FILTER (WHERE m.sentiment_label = '{SentimentLabels.Negative}'),
                       sum(m.sentiment_score)
                FROM {readModels.Mentions.Table} m {where}
                GROUP BY 1, 2 ORDER BY 1, 2
                """;
        }
        var points = new List<TimelinePoint>();
        await using var cmd = where.Command(dataSource, sql);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var (positive, neutral, negative) = (reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
            var total = positive + neutral + negative;
            var average = total == 0 ? 0 : reader.GetDouble(5) / total;
            points.Add(new TimelinePoint(reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1), positive, neutral, negative, total, average));
        }
        return points;
    }

    public async Task<IReadOnlyList<VolumePoint>> VolumeAsync(MentionFilter filter, string bucket, CancellationToken ct) =>
        (await TimelineAsync(filter, bucket, ct))
            .GroupBy(p => p.Bucket)
            .Select(g => new VolumePoint(g.Key, g.Sum(p => p.Total)))
            .OrderBy(p => p.Bucket)
            .ToArray();

    public async Task<MentionRange> RangeAsync(MentionFilter filter, CancellationToken ct)
    {
        var where = filter.Apply(new SqlWhere());
        await using var cmd = where.Command(dataSource, $"SELECT min(m.published_at), max(m.published_at), count(*) FROM {readModels.Mentions.Table} m {where}");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new MentionRange(
            reader.IsDBNull(0) ? null : reader.GetFieldValue<DateTimeOffset>(0),
            reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1),
            reader.GetInt64(2));
    }

    /// <summary>
    /// Share of voice: each entity's mentions over all listed entities' mentions. The entity filter chooses
    /// the entities compared (Xiaomi vs Tesla vs BYD) rather than the mentions; the other filters choose mentions.
    /// </summary>
    public async Task<IReadOnlyList<EntityShare>> EntityShareAsync(MentionFilter filter, string? type, CancellationToken ct)
    {
        var where = filter.Apply(new SqlWhere(), entities: false);
        if (type is not null) where.And($"e.type = {where.Add(type)}");
        if (filter.Entities.Count > 0)
        {
            var keys = where.Add(MentionFilter.TextArray(filter.Entities));
            where.And($"(e.entity_id = ANY({keys}) OR lower(e.name) = ANY({keys}))");
        }
        var sql = $"""
            SELECT e.entity_id, min(e.name), min(e.type), count(*),
                   count(*) FILTER (WHERE m.sentiment_label = '{SentimentLabels.Positive}'),
                   count(*) FILTER (WHERE m.sentiment_label = '{SentimentLabels.Neutral}'),
                   count(*) FILTER (WHERE m.sentiment_label = '{SentimentLabels.Negative}')
            FROM {Tables.EntityMentions} e JOIN {readModels.Mentions.Table} m ON m.id = e.coverage_id
            {where}
            GROUP BY e.entity_id ORDER BY count(*) DESC, e.entity_id
            """;
        var rows = new List<(string Id, string Name, string Type, long Mentions, long Positive, long Neutral, long Negative)>();
        await using (var cmd = where.Command(dataSource, sql))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6)));
        var all = rows.Sum(r => r.Mentions);
        return rows.Select(r => new EntityShare(r.Id, r.Name, r.Type, r.Mentions, all == 0 ? 0 : (double)r.Mentions / all, r.Positive, r.Neutral, r.Negative)).ToArray();
    }

    /// <summary>Authors by the reach of their mentions that match the filters; followers are the latest known.</summary>
    public async Task<IReadOnlyList<TopAuthor>> TopAuthorsAsync(MentionFilter filter, int limit, CancellationToken ct)
    {
        var where = filter.Apply(new SqlWhere()).And("m.author_id IS NOT NULL");
        var sql = $"""
            SELECT m.platform, m.author_id, coalesce(min(a.name), min(m.author_name)), coalesce(max(a.followers), max(m.author_followers)),
                   sum(m.reach)::bigint, count(*), count(*) FILTER (WHERE m.sentiment_label = '{SentimentLabels.Negative}')
            FROM {readModels.Mentions.Table} m
            LEFT JOIN {Tables.Authors} a ON a.platform = m.platform AND a.author_id = m.author_id
            {where}
            GROUP BY m.platform, m.author_id
            ORDER BY 5 DESC, 6 DESC, m.platform, m.author_id
            LIMIT {where.Add(limit)}
            """;
        var authors = new List<TopAuthor>();
        await using var cmd = where.Command(dataSource, sql);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            authors.Add(new TopAuthor(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? reader.GetString(1) : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6)));
        return authors;
    }
}
