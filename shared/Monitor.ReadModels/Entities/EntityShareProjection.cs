using Monitor.Contracts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;
using Npgsql;
using static Monitor.ReadModels.Parameters;

namespace Monitor.ReadModels.Entities;

/// <summary>
/// <c>rm_entity_mentions</c>: one row per (coverage item, gazetteer entity it mentions). Extracting an
/// item again replaces its rows, so share of voice counts each item once per entity.
/// </summary>
public sealed class EntityShareProjection(ReadModelTables tables) : SqlProjection(tables)
{
    public const string ProjectionName = "entity-share";

    public override string Name => ProjectionName;

    public override IReadOnlyCollection<string> EventTypes { get; } = [MonitorEventTypes.ContentExtracted];

    public string Table => Tables.EntityMentions;

    protected override IEnumerable<string> OwnedTables => [Table];

    protected override IEnumerable<string> CreateStatements(string trigramSchema) =>
    [
        $"""
        CREATE TABLE IF NOT EXISTS {Table} (
            coverage_id uuid NOT NULL, entity_id text NOT NULL, name text NOT NULL, type text NOT NULL, mentions int NOT NULL,
            PRIMARY KEY (coverage_id, entity_id))
        """,
        $"CREATE INDEX IF NOT EXISTS rm_entity_mentions_entity ON {Table} (type, entity_id)",
    ];

    /// <summary>Two statements per batch: drop entities an item no longer names, then upsert the ones it names.</summary>
    public override Task HandleAsync(IReadOnlyList<StoredEvent> batch, SubscriptionContext context, CancellationToken ct)
    {
        // An item extracted twice in one batch: its later extraction is the one that stands.
        var latest = batch.Where(e => e.Data is ContentExtracted).GroupBy(e => e.StreamId)
            .Select(g => g.MaxBy(e => e.Version)!).Select(e => (Id: e.StreamId, Data: (ContentExtracted)e.Data)).ToArray();
        if (latest.Length == 0) return Task.CompletedTask;
        var rows = latest.SelectMany(x => x.Data.Entities.GroupBy(en => en.Id)
            .Select(g => (Coverage: x.Id, Entity: g.First() with { Count = g.Sum(en => en.Count) }))).ToArray();

        var drop = Command(
            $"""
            DELETE FROM {Table} t USING unnest($1::uuid[], $2::jsonb[]) AS x(id, keep)
            WHERE t.coverage_id = x.id AND NOT (t.entity_id = ANY(ARRAY(SELECT jsonb_array_elements_text(x.keep))))
            """,
            latest.Select(x => x.Id).ToArray(), JsonbArray(latest.Select(x => (object)x.Data.Entities.Select(en => en.Id).Distinct().ToArray())));
        if (rows.Length == 0) return ExecuteAsync(context, [drop], ct);
        var upsert = Command(
            $"""
            INSERT INTO {Table} (coverage_id, entity_id, name, type, mentions)
            SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::int[])
            ON CONFLICT (coverage_id, entity_id) DO UPDATE SET name = excluded.name, type = excluded.type, mentions = excluded.mentions
            """,
            rows.Select(r => r.Coverage).ToArray(), Texts(rows.Select(r => r.Entity.Id)), Texts(rows.Select(r => r.Entity.Name)),
            Texts(rows.Select(r => r.Entity.Type)), rows.Select(r => r.Entity.Count).ToArray());
        return ExecuteAsync(context, [drop, upsert], ct);
    }
}
