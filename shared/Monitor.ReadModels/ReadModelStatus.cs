using Monitor.EventStore;
using Npgsql;
using NpgsqlTypes;

namespace Monitor.ReadModels;

/// <summary>How far a read model has got: its checkpoint, how many of its events lie beyond it, and which version built it.</summary>
/// <param name="Checkpoint">Null when the projection has never run.</param>
/// <param name="Lag">Stored events of the projection's types after the checkpoint.</param>
/// <param name="Version">
/// The projection's version that builds the stored read model (beside the checkpoint); the code's
/// <see cref="Projection.Version"/> when it has never run. It differs from the code's until the API starts
/// with the new code and rebuilds the read model.
/// </param>
public sealed record ReadModelStatus(string Name, string Description, GlobalPosition? Checkpoint, long Lag, int Version);

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
            var version = model.Projection.Version;
            await using (var load = new NpgsqlCommand($"SELECT tx_id, seq_id, version FROM {tables.Checkpoints} WHERE name = $1", connection))
            {
                load.Parameters.AddWithValue(model.Name);
                await using var reader = await load.ExecuteReaderAsync(ct);
                if (await reader.ReadAsync(ct))
                {
                    checkpoint = new GlobalPosition(reader.GetFieldValue<ulong>(0), reader.GetInt64(1));
                    version = reader.GetInt32(2);
                }
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
            statuses.Add(new ReadModelStatus(model.Name, model.Description, checkpoint, lag, version));
        }
        return statuses;
    }
}
