using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;

namespace Monitor.EventStore;

/// <summary>
/// A read model of JSON documents, one row per id in a table of its own:
/// <c>(id uuid primary key, data jsonb, updated timestamptz)</c>. Say which document an event
/// belongs to (or which documents) and how it changes the document; the projection loads, applies and saves per batch.
/// </summary>
public abstract partial class DocumentProjection<TDocument> : Projection where TDocument : class
{
    private readonly JsonSerializerOptions _json;

    protected DocumentProjection(string schema, string table, JsonSerializerOptions? json = null)
    {
        if (!Identifier().IsMatch(schema)) throw new ArgumentException($"Schema '{schema}' is not a plain lower-case identifier.", nameof(schema));
        if (!Identifier().IsMatch(table)) throw new ArgumentException($"Table '{table}' is not a plain lower-case identifier.", nameof(table));
        Table = $"{schema}.{table}";
        _json = json ?? new JsonSerializerOptions(JsonSerializerDefaults.Web);
    }

    /// <summary>The qualified table name, for queries of the read model.</summary>
    public string Table { get; }

    /// <summary>The document an event changes; null when it changes none.</summary>
    protected abstract Guid? DocumentIdOf(StoredEvent e);

    /// <summary>
    /// Every document an event changes, each handed to <see cref="Apply"/> in turn; by default the one of
    /// <see cref="DocumentIdOf"/>. Override it for an event that concerns several documents.
    /// </summary>
    protected virtual IEnumerable<Guid> DocumentIdsOf(StoredEvent e) => DocumentIdOf(e) is { } id ? [id] : [];

    /// <summary>The document after the event (<paramref name="current"/> is null when it does not exist yet); null deletes it.</summary>
    protected abstract TDocument? Apply(TDocument? current, StoredEvent e);

    public override async Task EnsureStorageAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"CREATE TABLE IF NOT EXISTS {Table} (id uuid PRIMARY KEY, data jsonb NOT NULL, updated timestamptz NOT NULL DEFAULT now())", connection);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public override async Task ClearAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"DELETE FROM {Table}", connection, transaction);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public override async Task HandleAsync(IReadOnlyList<StoredEvent> batch, SubscriptionContext context, CancellationToken ct)
    {
        var touched = batch.SelectMany(e => DocumentIdsOf(e).Distinct().Select(id => (Event: e, Id: id))).ToList();
        if (touched.Count == 0) return;

        Dictionary<Guid, TDocument?> documents;
        await using (var connection = await context.DataSource.OpenConnectionAsync(ct))
            documents = await LoadManyAsync(connection, null, touched.Select(x => x.Id).Distinct().ToArray(), ct);
        var changed = new HashSet<Guid>();
        foreach (var (e, id) in touched)
        {
            documents[id] = Apply(documents.GetValueOrDefault(id), e);
            changed.Add(id);
        }

        var upserts = changed.Where(id => documents[id] is not null).ToArray();
        var deletes = changed.Where(id => documents[id] is null).ToArray();
        var writes = new List<NpgsqlBatchCommand>(2);
        if (upserts.Length > 0)
        {
            var upsert = new NpgsqlBatchCommand(
                $"""
                INSERT INTO {Table} (id, data) SELECT * FROM unnest($1::uuid[], $2::jsonb[])
                ON CONFLICT (id) DO UPDATE SET data = excluded.data, updated = now()
                """);
            upsert.Parameters.AddWithValue(upserts);
            upsert.Parameters.Add(new NpgsqlParameter
            {
                Value = upserts.Select(id => JsonSerializer.Serialize(documents[id], _json)).ToArray(),
                NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb,
            });
            writes.Add(upsert);
        }
        if (deletes.Length > 0)
        {
            var delete = new NpgsqlBatchCommand($"DELETE FROM {Table} WHERE id = ANY($1)");
            delete.Parameters.AddWithValue(deletes);
            writes.Add(delete);
        }
        await context.WriteAsync(writes, ct);
    }

    /// <summary>One document of the read model, or null.</summary>
    public async Task<TDocument?> LoadAsync(NpgsqlDataSource dataSource, Guid id, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await LoadManyAsync(connection, null, [id], ct)).GetValueOrDefault(id);
    }

    private async Task<Dictionary<Guid, TDocument?>> LoadManyAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, Guid[] ids, CancellationToken ct)
    {
        var documents = new Dictionary<Guid, TDocument?>(ids.Length);
        await using var cmd = new NpgsqlCommand($"SELECT id, data FROM {Table} WHERE id = ANY($1)", connection, tx);
        cmd.Parameters.AddWithValue(ids);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            documents[reader.GetGuid(0)] = JsonSerializer.Deserialize<TDocument>(reader.GetString(1), _json);
        return documents;
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex Identifier();
}
