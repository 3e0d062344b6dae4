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

    public override Task HandleAsync(IReadOnlyList<StoredEvent> batch, SubscriptionContext context, CancellationToken ct)
    {
        var commands = new List<NpgsqlBatchCommand>();
        foreach (var e in batch)
        {
            if (e.Data is not ContentExtracted x) continue;
            var entities = x.Entities.GroupBy(en => en.Id).Select(g => g.First() with { Count = g.Sum(en => en.Count) }).ToArray();
            commands.Add(Command($"DELETE FROM {Table} WHERE coverage_id = $1 AND NOT (entity_id = ANY($2))",
                e.StreamId, TextArray(entities.Select(en => en.Id))));
            if (entities.Length == 0) continue;
            commands.Add(Command(
                $"""
                INSERT INTO {Table} (coverage_id, entity_id, name, type, mentions)
                SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::int[])
                ON CONFLICT (coverage_id, entity_id) DO UPDATE SET name = excluded.name, type = excluded.type, mentions = excluded.mentions
                """,
                e.StreamId, TextArray(entities.Select(en => en.Id)), TextArray(entities.Select(en => en.Name)),
                TextArray(entities.Select(en => en.Type)), entities.Select(en => en.Count).ToArray()));
        }
        return ExecuteAsync(context, commands, ct);
    }
}
