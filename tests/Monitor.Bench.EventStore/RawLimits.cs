using Npgsql;
using NpgsqlTypes;

namespace Monitor.Bench.EventStore;

/// <summary>
/// What PostgreSQL itself manages on this machine, measured on a plain table shaped like the events
/// table (same columns, keys and indexes), so the store's figures have a yardstick from the same run.
/// </summary>
public sealed class RawLimits(NpgsqlDataSource dataSource, string schema)
{
    private string Table => $"{schema}.raw_events";
    private long _next;

    public async Task CreateAsync()
    {
        await using var cmd = dataSource.CreateCommand($"""
            CREATE TABLE {Table} (
                seq_id bigserial PRIMARY KEY, id uuid NOT NULL UNIQUE, stream_id uuid NOT NULL, version integer NOT NULL,
                type text NOT NULL, data jsonb NOT NULL, headers jsonb, tx_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
                timestamp timestamptz NOT NULL DEFAULT now(), UNIQUE (stream_id, version));
            CREATE INDEX ON {Table} (tx_id, seq_id);
            """);
        await cmd.ExecuteNonQueryAsync();
    }

    private string InsertSql => $"INSERT INTO {Table} (id, stream_id, version, type, data) VALUES ($1, $2, 1, 'bench-event', $3::jsonb)";

    public Scenario SingleRowTransactions(int connections) =>
        new($"raw: single-row INSERT per transaction, {connections} connections", connections, async _ =>
        {
            await using var cmd = dataSource.CreateCommand(InsertSql);
            AddRow(cmd.Parameters);
            await cmd.ExecuteNonQueryAsync();
            return 1;
        });

    public Scenario BatchedInserts(int batchSize) =>
        new($"raw: NpgsqlBatch of {batchSize} INSERTs per transaction, 1 connection", 1, async _ =>
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var tx = await connection.BeginTransactionAsync();
            await using var batch = new NpgsqlBatch(connection, tx);
            for (var i = 0; i < batchSize; i++)
            {
                var command = new NpgsqlBatchCommand(InsertSql);
                AddRow(command.Parameters);
                batch.BatchCommands.Add(command);
            }
            await batch.ExecuteNonQueryAsync();
            await tx.CommitAsync();
            return batchSize;
        });

    public Task<double> BinaryCopyAsync(int rowsPerCopy) =>
        Measurement.RateAsync($"raw: binary COPY of {rowsPerCopy} rows, 1 connection", 1, async _ =>
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var importer = await connection.BeginBinaryImportAsync($"COPY {Table} (id, stream_id, version, type, data) FROM STDIN (FORMAT BINARY)");
            for (var i = 0; i < rowsPerCopy; i++)
            {
                var n = Interlocked.Increment(ref _next);
                await importer.StartRowAsync();
                await importer.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
                await importer.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
                await importer.WriteAsync(1, NpgsqlDbType.Integer);
                await importer.WriteAsync("bench-event", NpgsqlDbType.Text);
                await importer.WriteAsync(Json(n), NpgsqlDbType.Jsonb);
            }
            await importer.CompleteAsync();
            return rowsPerCopy;
        });

    private void AddRow(NpgsqlParameterCollection parameters)
    {
        var n = Interlocked.Increment(ref _next);
        parameters.AddWithValue(Guid.NewGuid());
        parameters.AddWithValue(Guid.NewGuid());
        parameters.AddWithValue(Json(n));
    }

    private static string Json(long n) => System.Text.Json.JsonSerializer.Serialize(BenchEvent.Sample(n), Program.JsonOptions);
}
