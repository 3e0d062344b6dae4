using Npgsql;

namespace Monitor.EventStore.Schema;

/// <summary>
/// Creates and migrates the store's schema. Several services start at once, so every run takes a
/// transaction-scoped advisory lock first: one migrates, the others wait and then find nothing to do.
/// </summary>
internal static class SchemaMigrator
{
    public static async Task MigrateAsync(NpgsqlDataSource dataSource, string schema, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);

        await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", connection, tx))
        {
            lockCmd.Parameters.AddWithValue("monitor.eventstore.schema:" + schema);
            await lockCmd.ExecuteNonQueryAsync(ct);
        }

        await Execute(connection, tx, $"""
            CREATE SCHEMA IF NOT EXISTS {schema};
            CREATE TABLE IF NOT EXISTS {schema}.schema_version (
                version  integer     PRIMARY KEY,
                applied  timestamptz NOT NULL DEFAULT now()
            );
            """, ct);

        int current;
        await using (var versionCmd = new NpgsqlCommand($"SELECT coalesce(max(version), 0) FROM {schema}.schema_version", connection, tx))
            current = (int)(await versionCmd.ExecuteScalarAsync(ct))!;

        foreach (var (version, sql) in SchemaSql.Migrations(schema).Where(m => m.Version > current).OrderBy(m => m.Version))
        {
            await Execute(connection, tx, sql, ct);
            await Execute(connection, tx, $"INSERT INTO {schema}.schema_version (version) VALUES ({version})", ct);
        }

        await Execute(connection, tx, SchemaSql.Functions(schema), ct);
        await tx.CommitAsync(ct);
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
