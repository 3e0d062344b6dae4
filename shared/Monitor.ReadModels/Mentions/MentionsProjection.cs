using Monitor.Contracts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;
using Npgsql;
using static Monitor.ReadModels.Parameters;

namespace Monitor.ReadModels.Mentions;

/// <summary>
/// <c>rm_mentions</c>: one row per coverage stream. Each event fills its own columns, so events of one
/// item may arrive in any order. Sentiment and engagement keep the stream version of the event they came
/// from and only a later version replaces them: a rescore wins over the first score, and handling an
/// event again writes the same values.
/// </summary>
public sealed class MentionsProjection(ReadModelTables tables) : SqlProjection(tables)
{
    public const string ProjectionName = "mentions";

    public override string Name => ProjectionName;

    public override IReadOnlyCollection<string> EventTypes { get; } =
    [
        MonitorEventTypes.CoverageIngested, MonitorEventTypes.ContentExtracted, MonitorEventTypes.SentimentScored,
        MonitorEventTypes.SentimentRescored, MonitorEventTypes.CoverageMetricsUpdated,
    ];

    public string Table => Tables.Mentions;

    protected override bool NeedsTrigrams => true;

    protected override IEnumerable<string> OwnedTables => [Table];

    protected override IEnumerable<string> CreateStatements(string trigramSchema) =>
    [
        $"""
        CREATE TABLE IF NOT EXISTS {Table} (
            id uuid PRIMARY KEY,
            platform text,
            platform_id text,
            url text,
            title text,
            body text,
            author_id text,
            author_name text,
            author_followers bigint,
            author_verified boolean,
            published_at timestamptz,
            ingested_at timestamptz,
            feed text,
            region text,
            hashtags text[] NOT NULL DEFAULT ARRAY[]::text[],
            language text,
            entities jsonb NOT NULL DEFAULT '[]',
            entity_keys text[] NOT NULL DEFAULT ARRAY[]::text[],
            keywords text[] NOT NULL DEFAULT ARRAY[]::text[],
            cluster_id text,
            reach bigint NOT NULL DEFAULT 0,
            likes bigint, comments bigint, shares bigint, views bigint, collects bigint,
            metrics_version int,
            sentiment_label text,
            sentiment_score double precision,
            sentiment_confidence double precision,
            sentiment_model text,
            sentiment_phrases jsonb NOT NULL DEFAULT '[]',
            sentiment_version int,
            search_text text GENERATED ALWAYS AS (coalesce(title, '') || ' ' || coalesce(body, '')) STORED
        )
        """,
        $"CREATE INDEX IF NOT EXISTS rm_mentions_published ON {Table} (published_at DESC, id)",
        $"CREATE INDEX IF NOT EXISTS rm_mentions_platform_published ON {Table} (platform, published_at)",
        $"CREATE INDEX IF NOT EXISTS rm_mentions_entities ON {Table} USING gin (entity_keys)",
        $"CREATE INDEX IF NOT EXISTS rm_mentions_cluster ON {Table} (cluster_id)",
        $"CREATE INDEX IF NOT EXISTS rm_mentions_author ON {Table} (platform, author_id)",
        $"CREATE INDEX IF NOT EXISTS rm_mentions_search ON {Table} USING gin (search_text {trigramSchema}.gin_trgm_ops)",
    ];

    public override Task HandleAsync(IReadOnlyList<StoredEvent> batch, SubscriptionContext context, CancellationToken ct)
    {
        var commands = new List<NpgsqlBatchCommand>(batch.Count);
        foreach (var e in batch)
        {
            if (Statement(e) is { } command) commands.Add(command);
        }
        return ExecuteAsync(context, commands, ct);
    }

    private NpgsqlBatchCommand? Statement(StoredEvent e) => e.Data switch
    {
        CoverageIngested i => Command(
            $"""
            INSERT INTO {Table} AS rm (id, platform, platform_id, url, title, body, author_id, author_name, author_followers,
                author_verified, published_at, ingested_at, feed, region, hashtags, likes, comments, shares, views, collects)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
            ON CONFLICT (id) DO UPDATE SET
                platform = excluded.platform, platform_id = excluded.platform_id, url = excluded.url, title = excluded.title,
                body = CASE WHEN rm.language IS NULL THEN excluded.body ELSE rm.body END,
                author_id = excluded.author_id, author_name = excluded.author_name,
                author_followers = CASE WHEN rm.metrics_version IS NULL THEN excluded.author_followers ELSE coalesce(rm.author_followers, excluded.author_followers) END,
                author_verified = excluded.author_verified, published_at = excluded.published_at, ingested_at = excluded.ingested_at,
                feed = excluded.feed, region = excluded.region, hashtags = excluded.hashtags,
                likes = CASE WHEN rm.metrics_version IS NULL THEN excluded.likes ELSE rm.likes END,
                comments = CASE WHEN rm.metrics_version IS NULL THEN excluded.comments ELSE rm.comments END,
                shares = CASE WHEN rm.metrics_version IS NULL THEN excluded.shares ELSE rm.shares END,
                views = CASE WHEN rm.metrics_version IS NULL THEN excluded.views ELSE rm.views END,
                collects = CASE WHEN rm.metrics_version IS NULL THEN excluded.collects ELSE rm.collects END
            """,
            e.StreamId, i.Platform, i.PlatformId, i.Url, Text(i.Title), i.Text, i.Author.Id, i.Author.Name, Bigint(i.Author.Followers),
            i.Author.Verified, i.PublishedAt, i.IngestedAt, i.Feed, Text(i.Region), TextArray(i.Hashtags),
            Bigint(i.Engagement.Likes), Bigint(i.Engagement.Comments), Bigint(i.Engagement.Shares), Bigint(i.Engagement.Views), Bigint(i.Engagement.Collects)),

        ContentExtracted x => Command(
            $"""
            INSERT INTO {Table} AS rm (id, platform, published_at, language, body, entities, entity_keys, keywords, reach, cluster_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            ON CONFLICT (id) DO UPDATE SET
                platform = coalesce(rm.platform, excluded.platform), published_at = coalesce(rm.published_at, excluded.published_at),
                language = excluded.language, body = excluded.body, entities = excluded.entities, entity_keys = excluded.entity_keys,
                keywords = excluded.keywords, reach = excluded.reach, cluster_id = excluded.cluster_id
            """,
            e.StreamId, x.Platform, x.PublishedAt, x.Language, x.NormalizedText,
            Jsonb(x.Entities.Select(en => new MentionEntity(en.Id, en.Name, en.Type, en.Count)).ToArray()),
            TextArray(EntityKeys(x.Entities)), TextArray(x.Keywords), x.Reach, x.ClusterId),

        SentimentScored s => Sentiment(e, s.Platform, s.PublishedAt, s.Label, s.Score, s.Confidence, s.ModelVersion, s.TopPhrases),
        SentimentRescored r => Sentiment(e, r.Platform, r.PublishedAt, r.Label, r.Score, r.Confidence, r.ModelVersion, r.TopPhrases),

        CoverageMetricsUpdated m => Command(
            $"""
            INSERT INTO {Table} AS rm (id, platform, likes, comments, shares, views, collects, author_followers, metrics_version)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT (id) DO UPDATE SET
                likes = excluded.likes, comments = excluded.comments, shares = excluded.shares, views = excluded.views,
                collects = excluded.collects, author_followers = coalesce(excluded.author_followers, rm.author_followers),
                metrics_version = excluded.metrics_version
            WHERE rm.metrics_version IS NULL OR rm.metrics_version <= excluded.metrics_version
            """,
            e.StreamId, m.Platform, Bigint(m.Engagement.Likes), Bigint(m.Engagement.Comments), Bigint(m.Engagement.Shares),
            Bigint(m.Engagement.Views), Bigint(m.Engagement.Collects), Bigint(m.AuthorFollowers), (int)e.Version),

        _ => null,
    };

    /// <summary>What the entity filter matches: an entity's gazetteer id, or its name in lower case.</summary>
    public static IEnumerable<string> EntityKeys(IEnumerable<EntityMention> entities) =>
        entities.SelectMany(en => new[] { en.Id, en.Name.ToLowerInvariant() }).Distinct();

    private NpgsqlBatchCommand Sentiment(StoredEvent e, string platform, DateTimeOffset publishedAt, string label, double score,
        double confidence, string model, IReadOnlyList<SentimentPhrase> phrases) => Command(
        $"""
        INSERT INTO {Table} AS rm (id, platform, published_at, sentiment_label, sentiment_score, sentiment_confidence, sentiment_model,
            sentiment_phrases, sentiment_version)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
        ON CONFLICT (id) DO UPDATE SET
            platform = coalesce(rm.platform, excluded.platform), published_at = coalesce(rm.published_at, excluded.published_at),
            sentiment_label = excluded.sentiment_label, sentiment_score = excluded.sentiment_score,
            sentiment_confidence = excluded.sentiment_confidence, sentiment_model = excluded.sentiment_model,
            sentiment_phrases = excluded.sentiment_phrases, sentiment_version = excluded.sentiment_version
        WHERE rm.sentiment_version IS NULL OR rm.sentiment_version <= excluded.sentiment_version
        """,
        e.StreamId, platform, publishedAt, label, score, confidence, model,
        Jsonb(phrases.Select(p => new MentionPhrase(p.Phrase, p.Weight)).ToArray()), (int)e.Version);
}
