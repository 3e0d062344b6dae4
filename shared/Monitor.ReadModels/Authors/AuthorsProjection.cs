using Monitor.Contracts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;
using Npgsql;
using static Monitor.ReadModels.Parameters;

namespace Monitor.ReadModels.Authors;

/// <summary>
/// <c>rm_authors</c>: one row per (platform, author id) with the latest name and follower count.
/// A metrics update names only its coverage item, so <c>rm_author_items</c> remembers whose item it is.
/// </summary>
public sealed class AuthorsProjection(ReadModelTables tables) : SqlProjection(tables)
{
    public const string ProjectionName = "authors";

    public override string Name => ProjectionName;

    public override IReadOnlyCollection<string> EventTypes { get; } = [MonitorEventTypes.CoverageIngested, MonitorEventTypes.CoverageMetricsUpdated];

    public string Table => Tables.Authors;

    protected override IEnumerable<string> OwnedTables => [Tables.Authors, Tables.AuthorItems];

    protected override IEnumerable<string> CreateStatements(string trigramSchema) =>
    [
        $"""
        CREATE TABLE IF NOT EXISTS {Tables.Authors} (
            platform text NOT NULL, author_id text NOT NULL, name text NOT NULL, followers bigint, verified boolean NOT NULL,
            first_seen timestamptz NOT NULL, last_seen timestamptz NOT NULL,
            PRIMARY KEY (platform, author_id))
        """,
        $"CREATE TABLE IF NOT EXISTS {Tables.AuthorItems} (coverage_id uuid PRIMARY KEY, platform text NOT NULL, author_id text NOT NULL)",
    ];

    /// <summary>
    /// Three statements per batch. An author seen several times in one batch is folded first, in order of
    /// publication, by the rule the upsert applies against the stored row: the latest name, the latest
    /// follower count that was given, verified once verified, first and last seen.
    /// </summary>
    public override Task HandleAsync(IReadOnlyList<StoredEvent> batch, SubscriptionContext context, CancellationToken ct)
    {
        var commands = new List<NpgsqlBatchCommand>(3);
        var ingested = batch.Where(e => e.Data is CoverageIngested).Select(e => (Id: e.StreamId, Data: (CoverageIngested)e.Data)).ToArray();
        if (ingested.Length > 0)
        {
            var items = ingested.GroupBy(x => x.Id).Select(g => g.Last()).ToArray();
            commands.Add(Command(
                $"""
                INSERT INTO {Tables.AuthorItems} (coverage_id, platform, author_id) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])
                ON CONFLICT (coverage_id) DO UPDATE SET platform = excluded.platform, author_id = excluded.author_id
                """,
                items.Select(x => x.Id).ToArray(), Texts(items.Select(x => x.Data.Platform)), Texts(items.Select(x => x.Data.Author.Id))));

            var authors = ingested.GroupBy(x => (x.Data.Platform, x.Data.Author.Id)).Select(g =>
            {
                var seen = g.OrderBy(x => x.Data.PublishedAt).ToArray();
                long? followers = null;
                foreach (var x in seen) followers = x.Data.Author.Followers ?? followers;
                return (g.Key.Platform, g.Key.Id, Name: seen[^1].Data.Author.Name, Followers: followers,
                    Verified: seen.Any(x => x.Data.Author.Verified), First: seen[0].Data.PublishedAt, Last: seen[^1].Data.PublishedAt);
            }).ToArray();
            commands.Add(Command(
                $"""
                INSERT INTO {Tables.Authors} AS a (platform, author_id, name, followers, verified, first_seen, last_seen)
                SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::boolean[], $6::timestamptz[], $7::timestamptz[])
                ON CONFLICT (platform, author_id) DO UPDATE SET
                    name = CASE WHEN excluded.last_seen >= a.last_seen THEN excluded.name ELSE a.name END,
                    followers = CASE WHEN excluded.last_seen >= a.last_seen THEN coalesce(excluded.followers, a.followers) ELSE coalesce(a.followers, excluded.followers) END,
                    verified = excluded.verified OR a.verified,
                    first_seen = least(a.first_seen, excluded.first_seen), last_seen = greatest(a.last_seen, excluded.last_seen)
                """,
                Texts(authors.Select(a => a.Platform)), Texts(authors.Select(a => a.Id)), Texts(authors.Select(a => a.Name)),
                Bigints(authors.Select(a => a.Followers)), authors.Select(a => a.Verified).ToArray(),
                Times(authors.Select(a => a.First)), Times(authors.Select(a => a.Last))));
        }

        // Counts in log order; where several concern one author, the last one stands (UPDATE ... FROM would pick any).
        var counts = batch.Where(e => e.Data is CoverageMetricsUpdated { AuthorFollowers: not null })
            .Select((e, order) => (Id: e.StreamId, Followers: ((CoverageMetricsUpdated)e.Data).AuthorFollowers!.Value, Order: order)).ToArray();
        if (counts.Length > 0)
            commands.Add(Command(
                $"""
                UPDATE {Tables.Authors} a SET followers = latest.followers
                FROM (
                    SELECT DISTINCT ON (i.platform, i.author_id) i.platform, i.author_id, x.followers
                    FROM unnest($1::uuid[], $2::bigint[], $3::int[]) AS x(coverage_id, followers, ord)
                    JOIN {Tables.AuthorItems} i ON i.coverage_id = x.coverage_id
                    ORDER BY i.platform, i.author_id, x.ord DESC) latest
                WHERE a.platform = latest.platform AND a.author_id = latest.author_id
                """,
                counts.Select(c => c.Id).ToArray(), counts.Select(c => c.Followers).ToArray(), counts.Select(c => c.Order).ToArray()));
        return ExecuteAsync(context, commands, ct);
    }
}
