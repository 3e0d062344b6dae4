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

    public override Task HandleAsync(IReadOnlyList<StoredEvent> batch, SubscriptionContext context, CancellationToken ct)
    {
        var commands = new List<NpgsqlBatchCommand>();
        foreach (var e in batch)
        {
            switch (e.Data)
            {
                case CoverageIngested i:
                    commands.Add(Command(
                        $"""
                        INSERT INTO {Tables.AuthorItems} (coverage_id, platform, author_id) VALUES ($1, $2, $3)
                        ON CONFLICT (coverage_id) DO UPDATE SET platform = excluded.platform, author_id = excluded.author_id
                        """, e.StreamId, i.Platform, i.Author.Id));
                    commands.Add(Command(
                        $"""
                        INSERT INTO {Tables.Authors} AS a (platform, author_id, name, followers, verified, first_seen, last_seen)
                        VALUES ($1, $2, $3, $4, $5, $6, $6)
                        ON CONFLICT (platform, author_id) DO UPDATE SET
                            name = CASE WHEN excluded.last_seen >= a.last_seen THEN excluded.name ELSE a.name END,
                            followers = CASE WHEN excluded.last_seen >= a.last_seen THEN coalesce(excluded.followers, a.followers) ELSE coalesce(a.followers, excluded.followers) END,
                            verified = excluded.verified OR a.verified,
                            first_seen = least(a.first_seen, excluded.first_seen), last_seen = greatest(a.last_seen, excluded.last_seen)
                        """, i.Platform, i.Author.Id, i.Author.Name, Bigint(i.Author.Followers), i.Author.Verified, i.PublishedAt));
                    break;
                case CoverageMetricsUpdated { AuthorFollowers: { } followers }:
                    commands.Add(Command(
                        $"""
                        UPDATE {Tables.Authors} a SET followers = $2 FROM {Tables.AuthorItems} i
                        WHERE i.coverage_id = $1 AND a.platform = i.platform AND a.author_id = i.author_id
                        """, e.StreamId, followers));
                    break;
            }
        }
        return ExecuteAsync(context, commands, ct);
    }
}
