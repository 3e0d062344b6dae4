using Npgsql;

namespace Monitor.ReadModels;

/// <summary>
/// pg_trgm, which indexes the mentions' text for substring search. Chinese has no spaces, so
/// to_tsvector('simple', ...) would make a whole sentence one token; a trigram index serves
/// ILIKE '%term%' for Chinese and English alike. pg_trgm is a trusted extension (PostgreSQL 13+): the
/// database owner may create it without superuser rights; elsewhere provision it as postgres first.
/// </summary>
internal static class Trigrams
{
    /// <summary>Creates the extension when missing and returns the schema holding its operator classes.</summary>
    public static async Task<string> EnsureAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        if (await SchemaAsync(connection, ct) is { } existing) return existing;
        try
        {
            await using var create = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
        // Two processes creating it at once: the loser sees a duplicate; the extension exists either way.
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateObject) { }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            throw new InvalidOperationException(
                "The read models need the PostgreSQL extension pg_trgm and this role may not create it: run " +
                "'CREATE EXTENSION pg_trgm' in the database as a superuser (deploy/local/provision.sh does).", e);
        }
        return await SchemaAsync(connection, ct)
            ?? throw new InvalidOperationException("pg_trgm was created but is not listed in pg_extension.");
    }

    private static async Task<string?> SchemaAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'pg_trgm'", connection);
        return await cmd.ExecuteScalarAsync(ct) as string;
    }
}
