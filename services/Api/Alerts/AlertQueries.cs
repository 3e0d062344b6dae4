using System.Text.Json;
using Monitor.Api.Mentions;
using Monitor.Api.Querying;
using Monitor.EventStore;
using Monitor.ReadModels;
using Monitor.ReadModels.Alerts;
using Npgsql;
using NpgsqlTypes;

namespace Monitor.Api.Alerts;

/// <summary>Reads rm_alerts, newest first; mention titles come from rm_mentions.</summary>
internal sealed class AlertQueries(NpgsqlDataSource dataSource, ReadModelCatalogue readModels, MentionQueries mentions)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<AlertList> ListAsync(Guid? subscriptionId, bool? acknowledged, Paging paging, CancellationToken ct)
    {
        // Before the list: the list then holds at least what the projection had done by this checkpoint.
        var position = await CheckpointAsync(ct);
        var where = new SqlWhere();
        if (subscriptionId is { } id) where.And($"(a.data->>'subscriptionId')::uuid = {where.Add(id)}");
        if (acknowledged is { } ack) where.And($"(jsonb_typeof(a.data->'acknowledged') = 'object') = {where.Add(ack)}");
        var table = readModels.Alerts.Table;
        long total;
        await using (var count = where.Command(dataSource, $"SELECT count(*) FROM {table} a {where}"))
            total = (long)(await count.ExecuteScalarAsync(ct))!;

        var documents = new List<AlertDocument>();
        var limit = where.Add(paging.PageSize);
        var offset = where.Add(paging.Offset);
        await using (var cmd = where.Command(dataSource,
            $"SELECT a.data FROM {table} a {where} ORDER BY (a.data->>'raisedAt')::timestamptz DESC, a.id DESC LIMIT {limit} OFFSET {offset}"))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                documents.Add(JsonSerializer.Deserialize<AlertDocument>(reader.GetString(0), Json)!);
        return new AlertList(await ViewsAsync(documents, ct), paging.Page, paging.PageSize, total, StreamPosition.Format(position));
    }

    /// <summary>How far the alerts read model has got; the start of the log when it never ran (or is being rebuilt from there).</summary>
    private async Task<GlobalPosition> CheckpointAsync(CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT tx_id, seq_id FROM {new ReadModelTables(readModels.Schema).Checkpoints} WHERE name = $1");
        cmd.Parameters.AddWithValue(AlertsProjection.ProjectionName);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new GlobalPosition(reader.GetFieldValue<ulong>(0), reader.GetInt64(1)) : GlobalPosition.Start;
    }

    public async Task<IReadOnlyList<AlertView>> ViewsAsync(IReadOnlyList<AlertDocument> documents, CancellationToken ct)
    {
        var titles = await mentions.TitlesAsync(documents.SelectMany(d => d.TopMentions.Select(m => m.CoverageId)).Distinct().ToArray(), ct);
        return documents.Select(d => AlertView.From(d, titles)).ToArray();
    }
}
