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
/// event again writes the same values. <c>sentiment_label</c> is the label the item counts under: the
/// model's (<c>sentiment_model_label</c>) until a person corrects it (SentimentCorrected), the corrected one
/// from then on, whatever scores come after.
/// </summary>
public sealed class MentionsProjection(ReadModelTables tables) : SqlProjection(tables)
{
    public const string ProjectionName = "mentions";

    public override string Name => ProjectionName;

    /// <summary>2: reads SentimentCorrected; the model's label and the correction get columns of their own.</summary>
    public override int Version => 2;

    public override IReadOnlyCollection<string> EventTypes { get; } =
    [
        MonitorEventTypes.CoverageIngested, MonitorEventTypes.ContentExtracted, MonitorEventTypes.SentimentScored,
        MonitorEventTypes.SentimentRescored, MonitorEventTypes.CoverageMetricsUpdated, MonitorEventTypes.SentimentCorrected,
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
            sentiment_model_label text,
            sentiment_corrected_by text,
            sentiment_corrected_at timestamptz,
            sentiment_correction_note text,
            sentiment_correction_version int,
            search_text text GENERATED ALWAYS AS (coalesce(title, '') || ' ' || coalesce(body, '')) STORED
        )
        """,
        // A table created by version 1 gets the correction's columns before the rebuild refills it.
        $"""
        ALTER TABLE {Table} ADD COLUMN IF NOT EXISTS sentiment_model_label text, ADD COLUMN IF NOT EXISTS sentiment_corrected_by text,
            ADD COLUMN IF NOT EXISTS sentiment_corrected_at timestamptz, ADD COLUMN IF NOT EXISTS sentiment_correction_note text,
            ADD COLUMN IF NOT EXISTS sentiment_correction_version int
        """,
        $"CREATE INDEX IF NOT EXISTS rm_mentions_published ON {Table} (published_at DESC, id)",
        $"CREATE INDEX IF NOT EXISTS rm_mentions_platform_published ON {Table} (platform, published_at)",
        $"CREATE INDEX IF NOT EXISTS rm_mentions_entities ON {Table} USING gin (entity_keys)",
        $"CREATE INDEX IF NOT EXISTS rm_mentions_cluster ON {Table} (cluster_id)",
        $"CREATE INDEX IF NOT EXISTS rm_mentions_author ON {Table} (platform, author_id)",
        $"CREATE INDEX IF NOT EXISTS rm_mentions_search ON {Table} USING gin (search_text {trigramSchema}.gin_trgm_ops)",
    ];

    /// <summary>
    /// One statement per kind of event and batch (unnest over arrays): a statement per event would cost
    /// PostgreSQL a parse and plan each. Each kind sets only its own columns, so the order between kinds
    /// does not matter; within a kind only an item's latest event in the batch is kept, because one
    /// INSERT ... ON CONFLICT may not touch a row twice.
    /// </summary>
    public override Task HandleAsync(IReadOnlyList<StoredEvent> batch, SubscriptionContext context, CancellationToken ct)
    {
        var commands = new List<NpgsqlBatchCommand>(5);
        if (Latest(Of<CoverageIngested>(batch)) is { Length: > 0 } ingested) commands.Add(Ingested(ingested));
        if (Latest(Of<ContentExtracted>(batch)) is { Length: > 0 } extracted) commands.Add(Extracted(extracted));
        if (Latest(Scores(batch)) is { Length: > 0 } scored) commands.Add(Sentiment(scored));
        if (Latest(Of<CoverageMetricsUpdated>(batch)) is { Length: > 0 } metrics) commands.Add(Metrics(metrics));
        if (Latest(Of<SentimentCorrected>(batch)) is { Length: > 0 } corrected) commands.Add(Corrected(corrected));
        return ExecuteAsync(context, commands, ct);
    }

    private static IEnumerable<(StoredEvent Event, T Data)> Of<T>(IReadOnlyList<StoredEvent> batch) =>
        batch.Where(e => e.Data is T).Select(e => (e, (T)e.Data));

    /// <summary>Each stream's event of the highest version.</summary>
    private static (StoredEvent Event, T Data)[] Latest<T>(IEnumerable<(StoredEvent Event, T Data)> events) =>
        events.GroupBy(x => x.Event.StreamId).Select(g => g.MaxBy(x => x.Event.Version)).ToArray();

    /// <summary>A first score and a rescore set the same columns: the later stream version wins.</summary>
    private static IEnumerable<(StoredEvent Event, Score Data)> Scores(IReadOnlyList<StoredEvent> batch)
    {
        foreach (var e in batch)
        {
            if (e.Data is SentimentScored s) yield return (e, new Score(s.Platform, s.PublishedAt, s.Label, s.Score, s.Confidence, s.ModelVersion, s.TopPhrases));
            else if (e.Data is SentimentRescored r) yield return (e, new Score(r.Platform, r.PublishedAt, r.Label, r.Score, r.Confidence, r.ModelVersion, r.TopPhrases));
        }
    }

    private sealed record Score(string Platform, DateTimeOffset PublishedAt, string Label, double Value, double Confidence, string Model, IReadOnlyList<SentimentPhrase> Phrases);

    private NpgsqlBatchCommand Ingested((StoredEvent Event, CoverageIngested Data)[] rows) => Command(
        $"""
        INSERT INTO {Table} AS rm (id, platform, platform_id, url, title, body, author_id, author_name, author_followers,
            author_verified, published_at, ingested_at, feed, region, hashtags, likes, comments, shares, views, collects)
        SELECT id, platform, platform_id, url, title, body, author_id, author_name, author_followers, author_verified, published_at,
            ingested_at, feed, region, ARRAY(SELECT jsonb_array_elements_text(hashtags)), likes, comments, shares, views, collects
        FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::bigint[],
            $10::boolean[], $11::timestamptz[], $12::timestamptz[], $13::text[], $14::text[], $15::jsonb[], $16::bigint[], $17::bigint[],
            $18::bigint[], $19::bigint[], $20::bigint[])
            AS t(id, platform, platform_id, url, title, body, author_id, author_name, author_followers, author_verified, published_at,
                 ingested_at, feed, region, hashtags, likes, comments, shares, views, collects)
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
        rows.Select(r => r.Event.StreamId).ToArray(), Texts(rows.Select(r => r.Data.Platform)), Texts(rows.Select(r => r.Data.PlatformId)),
        Texts(rows.Select(r => r.Data.Url)), Texts(rows.Select(r => r.Data.Title)), Texts(rows.Select(r => r.Data.Text)),
        Texts(rows.Select(r => r.Data.Author.Id)), Texts(rows.Select(r => r.Data.Author.Name)), Bigints(rows.Select(r => r.Data.Author.Followers)),
        rows.Select(r => r.Data.Author.Verified).ToArray(), Times(rows.Select(r => r.Data.PublishedAt)), Times(rows.Select(r => r.Data.IngestedAt)),
        Texts(rows.Select(r => r.Data.Feed)), Texts(rows.Select(r => r.Data.Region)), JsonbArray(rows.Select(r => (object)r.Data.Hashtags)),
        Bigints(rows.Select(r => r.Data.Engagement.Likes)), Bigints(rows.Select(r => r.Data.Engagement.Comments)),
        Bigints(rows.Select(r => r.Data.Engagement.Shares)), Bigints(rows.Select(r => r.Data.Engagement.Views)),
        Bigints(rows.Select(r => r.Data.Engagement.Collects)));

    private NpgsqlBatchCommand Extracted((StoredEvent Event, ContentExtracted Data)[] rows) => Command(
        $"""
        INSERT INTO {Table} AS rm (id, platform, published_at, language, body, entities, entity_keys, keywords, reach, cluster_id)
        SELECT id, platform, published_at, language, body, entities, ARRAY(SELECT jsonb_array_elements_text(entity_keys)),
            ARRAY(SELECT jsonb_array_elements_text(keywords)), reach, cluster_id
        FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::jsonb[], $7::jsonb[], $8::jsonb[], $9::bigint[], $10::text[])
            AS t(id, platform, published_at, language, body, entities, entity_keys, keywords, reach, cluster_id)
        ON CONFLICT (id) DO UPDATE SET
            platform = coalesce(rm.platform, excluded.platform), published_at = coalesce(rm.published_at, excluded.published_at),
            language = excluded.language, body = excluded.body, entities = excluded.entities, entity_keys = excluded.entity_keys,
            keywords = excluded.keywords, reach = excluded.reach, cluster_id = excluded.cluster_id
        """,
        rows.Select(r => r.Event.StreamId).ToArray(), Texts(rows.Select(r => r.Data.Platform)), Times(rows.Select(r => r.Data.PublishedAt)),
        Texts(rows.Select(r => r.Data.Language)), Texts(rows.Select(r => r.Data.NormalizedText)),
        JsonbArray(rows.Select(r => (object)r.Data.Entities.Select(en => new MentionEntity(en.Id, en.Name, en.Type, en.Count)).ToArray())),
        JsonbArray(rows.Select(r => (object)EntityKeys(r.Data.Entities).ToArray())), JsonbArray(rows.Select(r => (object)r.Data.Keywords)),
        rows.Select(r => r.Data.Reach).ToArray(), Texts(rows.Select(r => r.Data.ClusterId)));

    private NpgsqlBatchCommand Sentiment((StoredEvent Event, Score Data)[] rows) => Command(
        $"""
        INSERT INTO {Table} AS rm (id, platform, published_at, sentiment_label, sentiment_score, sentiment_confidence, sentiment_model,
            sentiment_phrases, sentiment_version, sentiment_model_label)
        SELECT id, platform, published_at, label, score, confidence, model, phrases, version, label
        FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::text[], $5::float8[], $6::float8[], $7::text[], $8::jsonb[], $9::int[])
            AS t(id, platform, published_at, label, score, confidence, model, phrases, version)
        ON CONFLICT (id) DO UPDATE SET
            platform = coalesce(rm.platform, excluded.platform), published_at = coalesce(rm.published_at, excluded.published_at),
            sentiment_label = CASE WHEN rm.sentiment_correction_version IS NULL THEN excluded.sentiment_label ELSE rm.sentiment_label END,
            sentiment_model_label = excluded.sentiment_model_label, sentiment_score = excluded.sentiment_score,
            sentiment_confidence = excluded.sentiment_confidence, sentiment_model = excluded.sentiment_model,
            sentiment_phrases = excluded.sentiment_phrases, sentiment_version = excluded.sentiment_version
        WHERE rm.sentiment_version IS NULL OR rm.sentiment_version <= excluded.sentiment_version
        """,
        rows.Select(r => r.Event.StreamId).ToArray(), Texts(rows.Select(r => r.Data.Platform)), Times(rows.Select(r => r.Data.PublishedAt)),
        Texts(rows.Select(r => r.Data.Label)), rows.Select(r => r.Data.Value).ToArray(), rows.Select(r => r.Data.Confidence).ToArray(),
        Texts(rows.Select(r => r.Data.Model)),
        JsonbArray(rows.Select(r => (object)r.Data.Phrases.Select(p => new MentionPhrase(p.Phrase, p.Weight)).ToArray())),
        rows.Select(r => (int)r.Event.Version).ToArray());

    private NpgsqlBatchCommand Metrics((StoredEvent Event, CoverageMetricsUpdated Data)[] rows) => Command(
        $"""
        INSERT INTO {Table} AS rm (id, platform, likes, comments, shares, views, collects, author_followers, metrics_version)
        SELECT * FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[], $8::bigint[], $9::int[])
        ON CONFLICT (id) DO UPDATE SET
            likes = excluded.likes, comments = excluded.comments, shares = excluded.shares, views = excluded.views,
            collects = excluded.collects, author_followers = coalesce(excluded.author_followers, rm.author_followers),
            metrics_version = excluded.metrics_version
        WHERE rm.metrics_version IS NULL OR rm.metrics_version <= excluded.metrics_version
        """,
        rows.Select(r => r.Event.StreamId).ToArray(), Texts(rows.Select(r => r.Data.Platform)),
        Bigints(rows.Select(r => r.Data.Engagement.Likes)), Bigints(rows.Select(r => r.Data.Engagement.Comments)),
        Bigints(rows.Select(r => r.Data.Engagement.Shares)), Bigints(rows.Select(r => r.Data.Engagement.Views)),
        Bigints(rows.Select(r => r.Data.Engagement.Collects)), Bigints(rows.Select(r => r.Data.AuthorFollowers)),
        rows.Select(r => (int)r.Event.Version).ToArray());

    /// <summary>The latest correction sets the label the item counts under; the model's label stays beside it.</summary>
    private NpgsqlBatchCommand Corrected((StoredEvent Event, SentimentCorrected Data)[] rows) => Command(
        $"""
        INSERT INTO {Table} AS rm (id, sentiment_label, sentiment_corrected_by, sentiment_corrected_at, sentiment_correction_note, sentiment_correction_version)
        SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::int[])
        ON CONFLICT (id) DO UPDATE SET
            sentiment_label = excluded.sentiment_label, sentiment_corrected_by = excluded.sentiment_corrected_by,
            sentiment_corrected_at = excluded.sentiment_corrected_at, sentiment_correction_note = excluded.sentiment_correction_note,
            sentiment_correction_version = excluded.sentiment_correction_version
        WHERE rm.sentiment_correction_version IS NULL OR rm.sentiment_correction_version <= excluded.sentiment_correction_version
        """,
        rows.Select(r => r.Event.StreamId).ToArray(), Texts(rows.Select(r => r.Data.Label)), Texts(rows.Select(r => r.Data.By)),
        Times(rows.Select(r => r.Data.At)), Texts(rows.Select(r => r.Data.Note)), rows.Select(r => (int)r.Event.Version).ToArray());

    /// <summary>What the entity filter matches: an entity's gazetteer id, or its name in lower case.</summary>
    public static IEnumerable<string> EntityKeys(IEnumerable<EntityMention> entities) =>
        entities.SelectMany(en => new[] { en.Id, en.Name.ToLowerInvariant() }).Distinct();
}
