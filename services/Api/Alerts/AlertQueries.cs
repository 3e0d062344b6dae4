using System.Data;
using System.Text.Json;
using Monitor.Api.Mentions;
using Monitor.Api.Querying;
using Monitor.EventStore;
using Monitor.ReadModels;
using Monitor.ReadModels.Alerts;
using Npgsql;

namespace Monitor.Api.Alerts;

/// <summary>Reads rm_alerts, newest first; mention titles come from rm_mentions.</summary>
internal sealed class AlertQueries(NpgsqlDataSource dataSource, ReadModelCatalogue readModels, MentionQueries mentions)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Whether an rm_alerts row (aliased <c>a</c>) has been acknowledged.</summary>
    private const string IsAcknowledged = "(jsonb_typeof(a.data->'acknowledged') = 'object')";

    /// <summary>
    /// A page of alerts with its total, the open count over every alert, and the checkpoint they are all current to.
    /// The four are read in one REPEATABLE READ snapshot: the projection commits its documents together with its
    /// checkpoint, so within one snapshot the documents hold exactly the alert events up to the checkpoint. Read
    /// apart, an alert raised or acknowledged between two reads would be in one figure and not the other, and the
    /// stream resuming from the position would count it again.
    /// </summary>
    /// <param name="owner">An analyst's name: only the alerts of their own subscriptions count, the open count's too.</param>
    public async Task<AlertList> ListAsync(Guid? subscriptionId, bool? acknowledged, Paging paging, CancellationToken ct, string? owner = null)
    {
        var where = new SqlWhere();
        var visible = owner is null ? null
            : $"(a.data->>'subscriptionId')::uuid IN (SELECT s.id FROM {readModels.Subscriptions.Table} s WHERE s.data->>'owner' = {where.Add(owner)})";
        if (subscriptionId is { } id) where.And($"(a.data->>'subscriptionId')::uuid = {where.Add(id)}");
        if (acknowledged is { } ack) where.And($"{IsAcknowledged} = {where.Add(ack)}");
        var table = readModels.Alerts.Table;
        // The open count ignores the list's filters (not what the caller may see); one scan gives both counts.
        var counts = Statement($"SELECT {(where.ToString() == "" ? "count(*)" : $"count(*) FILTER ({where})")}, count(*) FILTER (WHERE NOT {IsAcknowledged}) FROM {table} a {(visible is null ? "" : "WHERE " + visible)}", where);
        if (visible is not null) where.And(visible);
        var page = Statement($"SELECT a.data FROM {table} a {where} ORDER BY (a.data->>'raisedAt')::timestamptz DESC, a.id DESC LIMIT {where.Add(paging.PageSize)} OFFSET {where.Add(paging.Offset)}", where);

        var (position, total, open, documents) = await ReadInOneSnapshotAsync(counts, page, ct);
        return new AlertList(await ViewsAsync(documents, ct), paging.Page, paging.PageSize, total, StreamPosition.Format(position), open);
    }

    private async Task<(GlobalPosition Position, long Total, long Open, IReadOnlyList<AlertDocument> Documents)> ReadInOneSnapshotAsync(
        NpgsqlBatchCommand counts, NpgsqlBatchCommand page, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var snapshot = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var checkpoint = new NpgsqlBatchCommand($"SELECT last_seq_id FROM {new ReadModelTables(readModels.Schema).Progress} WHERE name = $1");
        checkpoint.Parameters.Add(new NpgsqlParameter { Value = ProjectionRebuilder.ShardOf(readModels.Alerts) });
        // SET TRANSACTION must come before the snapshot's first query; the batch goes in one round trip.
        await using var batch = new NpgsqlBatch(connection, snapshot) { BatchCommands = { new("SET TRANSACTION READ ONLY"), checkpoint, counts, page } };

        await using var reader = await batch.ExecuteReaderAsync(ct);
        // No checkpoint row: the read model never ran (or is being rebuilt from the start of the log).
        var position = await reader.ReadAsync(ct) ? new GlobalPosition(0, reader.GetInt64(0)) : GlobalPosition.Start;
        await reader.NextResultAsync(ct);
        await reader.ReadAsync(ct);
        var (total, open) = (reader.GetInt64(0), reader.GetInt64(1));
        await reader.NextResultAsync(ct);
        var documents = new List<AlertDocument>();
        while (await reader.ReadAsync(ct))
            documents.Add(JsonSerializer.Deserialize<AlertDocument>(reader.GetString(0), Json)!);
        await reader.CloseAsync();
        await snapshot.CommitAsync(ct);
        return (position, total, open, documents);
    }

    public async Task<IReadOnlyList<AlertView>> ViewsAsync(IReadOnlyList<AlertDocument> documents, CancellationToken ct)
    {
        var titles = await mentions.TitlesAsync(documents.SelectMany(d => d.TopMentions.Select(m => m.CoverageId)).Distinct().ToArray(), ct);
        return documents.Select(d => AlertView.From(d, titles)).ToArray();
    }

    /// <summary>A statement with the clause's parameters so far (copied: a parameter belongs to one statement).</summary>
    private static NpgsqlBatchCommand Statement(string sql, SqlWhere where)
    {
        var statement = new NpgsqlBatchCommand(sql);
        foreach (var p in where.Parameters) statement.Parameters.Add(p.Clone());
        return statement;
    }
}
