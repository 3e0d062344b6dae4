using Monitor.EventStore;
using Npgsql;

namespace Monitor.ReadModels;

/// <summary>How far a read model has got: its checkpoint, how many of its events lie beyond it, and which version built it.</summary>
/// <param name="Checkpoint">Null when the projection has never run.</param>
/// <param name="Lag">Stored events of the projection's types after the checkpoint.</param>
/// <param name="Version">
/// The projection's version whose progress the store holds (the code's when it has some); the code's
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
            // Marten keeps a progress row per version: "name:All" for version 1, "name:V2:All" for version 2.
            await using (var load = new NpgsqlCommand(
                $"SELECT name, last_seq_id FROM {tables.Progress} WHERE name = $1 OR name = $2 OR name LIKE $3 ORDER BY (name = $1) DESC, last_updated DESC LIMIT 1", connection))
            {
                load.Parameters.AddWithValue(ProjectionRebuilder.ShardOf(model.Projection));
                load.Parameters.AddWithValue(model.Name + ":All");
                load.Parameters.AddWithValue(model.Name + ":V%:All");
                await using var reader = await load.ExecuteReaderAsync(ct);
                if (await reader.ReadAsync(ct))
                {
                    checkpoint = new GlobalPosition(0, reader.GetInt64(1));
                    version = VersionOf(reader.GetString(0));
                }
            }
            var from = checkpoint ?? GlobalPosition.Start;
            var types = model.Projection.EventTypes;
            await using var count = new NpgsqlCommand(
                $"""
                SELECT count(*) FROM {tables.Events}
                WHERE seq_id > $1 {(model.Projection.IncludeArchived ? "" : "AND NOT is_archived")}
                  {(types is { Count: > 0 } ? "AND type = ANY($2)" : "")}
                """, connection);
            count.Parameters.AddWithValue(from.SeqId);
            if (types is { Count: > 0 }) count.Parameters.AddWithValue(types.ToArray());
            var lag = (long)(await count.ExecuteScalarAsync(ct))!;
            statuses.Add(new ReadModelStatus(model.Name, model.Description, checkpoint, lag, version));
        }
        return statuses;
    }

    private static int VersionOf(string shard)
    {
        var parts = shard.Split(':');
        return parts.Length == 3 && parts[1].StartsWith('V') && int.TryParse(parts[1][1..], out var v) ? v : 1;
    }
}
