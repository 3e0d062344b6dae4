using Monitor.Contracts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Monitor.ReadModels.Timeline;

/// <summary>
/// <c>rm_sentiment_minutes</c>: scored mentions per (minute published, platform) and label, with their
/// score sum. A rescore moves an item from one label to another, so the item's current label is kept in
/// <c>rm_sentiment_items</c> and each batch applies the difference between old and new: handling the same
/// score event again changes nothing, and an older score never overwrites a newer one. A person's correction
/// (SentimentCorrected) moves the item to the corrected label for good: later scores change its score, not its label.
/// </summary>
public sealed class SentimentTimelineProjection(ReadModelTables tables) : SqlProjection(tables)
{
    public const string ProjectionName = "sentiment-timeline";

    public override string Name => ProjectionName;

    /// <summary>2: reads SentimentCorrected; rm_sentiment_items keeps the correction beside the model's label.</summary>
    public override int Version => 2;

    public override IReadOnlyCollection<string> EventTypes { get; } =
        [MonitorEventTypes.SentimentScored, MonitorEventTypes.SentimentRescored, MonitorEventTypes.SentimentCorrected];

    public string Table => Tables.SentimentMinutes;

    protected override IEnumerable<string> OwnedTables => [Tables.SentimentItems, Tables.SentimentMinutes];

    protected override IEnumerable<string> CreateStatements(string trigramSchema) =>
    [
        $"""
        CREATE TABLE IF NOT EXISTS {Tables.SentimentItems} (
            id uuid PRIMARY KEY, minute timestamptz NOT NULL, platform text NOT NULL, label text NOT NULL,
            score double precision NOT NULL, version int NOT NULL, corrected_label text, corrected_version int)
        """,
        // A table created by version 1 gets the correction's columns before the rebuild refills it.
        $"ALTER TABLE {Tables.SentimentItems} ADD COLUMN IF NOT EXISTS corrected_label text, ADD COLUMN IF NOT EXISTS corrected_version int",
        $"""
        CREATE TABLE IF NOT EXISTS {Tables.SentimentMinutes} (
            minute timestamptz NOT NULL, platform text NOT NULL,
            positive int NOT NULL, neutral int NOT NULL, negative int NOT NULL, score_sum double precision NOT NULL,
            PRIMARY KEY (minute, platform))
        """,
    ];

    /// <param name="Label">The model's label.</param>
    /// <param name="CorrectedLabel">A person's label, which the item counts under once given.</param>
    private sealed record Item(DateTimeOffset Minute, string Platform, string Label, double Score, int Version,
        string? CorrectedLabel = null, int? CorrectedVersion = null)
    {
        public string Counted => CorrectedLabel ?? Label;
    }

    public override async Task HandleAsync(IReadOnlyList<StoredEvent> batch, SubscriptionContext context, CancellationToken ct)
    {
        var scores = batch.Select(ToItem).Where(x => x.Item is not null).ToList();
        var corrections = batch.Where(e => e.Data is SentimentCorrected).ToList();
        if (scores.Count == 0 && corrections.Count == 0) return;

        var before = await LoadAsync(context, scores.Select(s => s.Id).Concat(corrections.Select(e => e.StreamId)).Distinct().ToArray(), ct);
        var after = new Dictionary<Guid, Item>(before);
        foreach (var (id, item) in scores)
        {
            if (after.TryGetValue(id, out var current) && current.Version > item!.Version) continue;
            after[id] = item! with { CorrectedLabel = current?.CorrectedLabel, CorrectedVersion = current?.CorrectedVersion };
        }
        // A correction follows a score in its stream (the API corrects only scored items), so the item is known by now.
        foreach (var e in corrections)
        {
            if (!after.TryGetValue(e.StreamId, out var current) || current.CorrectedVersion > (int)e.Version) continue;
            after[e.StreamId] = current with { CorrectedLabel = ((SentimentCorrected)e.Data).Label, CorrectedVersion = (int)e.Version };
        }

        var deltas = new Dictionary<(DateTimeOffset, string), (int Positive, int Neutral, int Negative, double Sum)>();
        void Add(Item item, int sign)
        {
            var key = (item.Minute, item.Platform);
            var (positive, neutral, negative, sum) = deltas.GetValueOrDefault(key);
            if (item.Counted == SentimentLabels.Positive) positive += sign;
            else if (item.Counted == SentimentLabels.Negative) negative += sign;
            else neutral += sign;
            deltas[key] = (positive, neutral, negative, sum + sign * item.Score);
        }
        var changed = after.Where(kv => !before.TryGetValue(kv.Key, out var old) || old != kv.Value).ToList();
        foreach (var (id, item) in changed)
        {
            if (before.TryGetValue(id, out var old)) Add(old, -1);
            Add(item, +1);
        }
        if (changed.Count == 0) return;

        var items = Command(
            $"""
            INSERT INTO {Tables.SentimentItems} (id, minute, platform, label, score, version, corrected_label, corrected_version)
            SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::float8[], $6::int[], $7::text[], $8::int[])
            ON CONFLICT (id) DO UPDATE SET minute = excluded.minute, platform = excluded.platform, label = excluded.label,
                score = excluded.score, version = excluded.version, corrected_label = excluded.corrected_label,
                corrected_version = excluded.corrected_version
            """,
            changed.Select(c => c.Key).ToArray(), changed.Select(c => c.Value.Minute).ToArray(), changed.Select(c => c.Value.Platform).ToArray(),
            changed.Select(c => c.Value.Label).ToArray(), changed.Select(c => c.Value.Score).ToArray(), changed.Select(c => c.Value.Version).ToArray(),
            Parameters.Texts(changed.Select(c => c.Value.CorrectedLabel)),
            new NpgsqlParameter { Value = changed.Select(c => c.Value.CorrectedVersion).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        var minutes = Command(
            $"""
            INSERT INTO {Tables.SentimentMinutes} AS t (minute, platform, positive, neutral, negative, score_sum)
            SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::int[], $4::int[], $5::int[], $6::float8[])
            ON CONFLICT (minute, platform) DO UPDATE SET positive = t.positive + excluded.positive, neutral = t.neutral + excluded.neutral,
                negative = t.negative + excluded.negative, score_sum = t.score_sum + excluded.score_sum
            """,
            deltas.Keys.Select(k => k.Item1).ToArray(), deltas.Keys.Select(k => k.Item2).ToArray(),
            deltas.Values.Select(v => v.Positive).ToArray(), deltas.Values.Select(v => v.Neutral).ToArray(),
            deltas.Values.Select(v => v.Negative).ToArray(), deltas.Values.Select(v => v.Sum).ToArray());
        var empty = Command($"DELETE FROM {Tables.SentimentMinutes} WHERE positive = 0 AND neutral = 0 AND negative = 0");
        await ExecuteAsync(context, [items, minutes, empty], ct);
    }

    private static (Guid Id, Item? Item) ToItem(StoredEvent e) => e.Data switch
    {
        SentimentScored s => (e.StreamId, new Item(Minute(s.PublishedAt), s.Platform, s.Label, s.Score, (int)e.Version)),
        SentimentRescored r => (e.StreamId, new Item(Minute(r.PublishedAt), r.Platform, r.Label, r.Score, (int)e.Version)),
        _ => (e.StreamId, null),
    };

    private static DateTimeOffset Minute(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
    }

    private async Task<Dictionary<Guid, Item>> LoadAsync(SubscriptionContext context, Guid[] ids, CancellationToken ct)
    {
        var items = new Dictionary<Guid, Item>(ids.Length);
        await using var cmd = context.DataSource.CreateCommand(
            $"SELECT id, minute, platform, label, score, version, corrected_label, corrected_version FROM {Tables.SentimentItems} WHERE id = ANY($1)");
        cmd.Parameters.Add(new NpgsqlParameter { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            items[reader.GetGuid(0)] = new Item(reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3), reader.GetDouble(4),
                reader.GetInt32(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetInt32(7));
        return items;
    }
}
