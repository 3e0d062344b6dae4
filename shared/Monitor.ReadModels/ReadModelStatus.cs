using Monitor.EventStore;
using Npgsql;
using NpgsqlTypes;

namespace Monitor.ReadModels;

/// <summary>How far a read model has got: its checkpoint, and how many of its events lie beyond it.</summary>
/// <param name="Checkpoint">Null when the projection has never run.</param>
/// <param name="Lag">Stored events of the projection's types after the checkpoint.</param>
public sealed record ReadModelStatus(string Name, string Description, GlobalPosition? Checkpoint, long Lag);

public static class ReadModelStatusQuery
{
    public static async Task<IReadOnlyList<ReadModelStatus>> StatusAsync(this ReadModelCatalogue catalogue, NpgsqlDataSource dataSource, CancellationToken ct = default)
    {
        var tables = new ReadModelTables(catalogue.Schema);
        var statuses = new List<ReadModelStatus>(catalogue.All.Count);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        foreach (var model in catalogue.All)
        {
            GlobalPosition? checkpoint = null;
            await using (var load = new NpgsqlCommand($"SELECT tx_id, seq_id FROM {tables.Checkpoints} WHERE name = $1", connection))
            {
                load.Parameters.AddWithValue(model.Name);
                await using var reader = await load.ExecuteReaderAsync(ct);
                if (await reader.ReadAsync(ct)) checkpoint = new GlobalPosition(reader.GetFieldValue<ulong>(0), reader.GetInt64(1));
            }
            var from = checkpoint ?? GlobalPosition.Start;
            var types = model.Projection.EventTypes;
            await using var count = new NpgsqlCommand(
                $"""
                SELECT count(*) FROM {tables.Events}
                WHERE (tx_id, seq_id) > ($1, $2) {(model.Projection.IncludeArchived ? "" : "AND NOT archived")}
                  {(types is { Count: > 0 } ? "AND type = ANY($3)" : "")}
                """, connection);
            count.Parameters.Add(new NpgsqlParameter { Value = from.TxId, NpgsqlDbType = NpgsqlDbType.Xid8 });
            count.Parameters.AddWithValue(from.SeqId);
            if (types is { Count: > 0 }) count.Parameters.AddWithValue(types.ToArray());
            var lag = (long)(await count.ExecuteScalarAsync(ct))!;
            statuses.Add(new ReadModelStatus(model.Name, model.Description, checkpoint, lag));
        }
        return statuses;
    }
}
