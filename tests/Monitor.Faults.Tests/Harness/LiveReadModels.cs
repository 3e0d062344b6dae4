using Monitor.EventStore;
using Monitor.ReadModels;

namespace Monitor.Faults.Tests.Harness;

/// <summary>
/// The project's read models (shared/Monitor.ReadModels, what the API serves) kept up to date live
/// through a scenario's faults, as the API's projection runner does, and afterwards compared with
/// the same read models rebuilt from the whole log. A live projection that skipped or applied an
/// event twice across a crash would differ.
/// </summary>
public sealed class LiveReadModels
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RebuildTimeout = TimeSpan.FromSeconds(120);
    private readonly EventStore.EventStore _store;
    private readonly string _schema;
    private readonly ReadModelCatalogue _catalogue;
    private ProjectionDaemon? _daemon;

    private LiveReadModels(EventStore.EventStore store, string schema)
    {
        _store = store;
        _schema = schema;
        _catalogue = ReadModelCatalogue.Create(schema);
    }

    public static async Task<LiveReadModels> StartAsync(EventStore.EventStore store, string schema)
    {
        var models = new LiveReadModels(store, schema);
        models._daemon = await ProjectionDaemon.StartAsync(store, models._catalogue.All.Select(m => m.Projection).ToArray());
        return models;
    }

    /// <summary>
    /// Waits (bounded by <paramref name="catchUp"/>) until the live read models stop changing, stops
    /// them, rebuilds every one from the log and returns the tables whose rows differ (empty when the
    /// rebuild equals what ran live).
    /// </summary>
    public async Task<IReadOnlyList<string>> DifferencesFromRebuildAsync(TimeSpan catchUp)
    {
        var deadline = DateTime.UtcNow + catchUp;
        var live = await SnapshotAsync();
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(Settle);
            var again = await SnapshotAsync();
            if (again.SequenceEqual(live)) break;
            live = again;
        }
        await StopAsync();

        using var rebuildTimeout = new CancellationTokenSource(RebuildTimeout);
        var rebuilder = new ProjectionRebuilder(_store);
        foreach (var model in _catalogue.All)
            await rebuilder.RebuildAsync(model.Projection, null, rebuildTimeout.Token);
        var rebuilt = await SnapshotAsync();
        Compared = string.Join(", ", live.Select(t => $"{t.Key} {t.Value.Split(',')[0]}"));
        return live.Keys.Union(rebuilt.Keys)
            .Where(table => live.GetValueOrDefault(table) != rebuilt.GetValueOrDefault(table))
            .Select(table => $"{table}: live {live.GetValueOrDefault(table)}, rebuilt {rebuilt.GetValueOrDefault(table)}")
            .ToArray();
    }

    /// <summary>What the last comparison covered: each table and its row count.</summary>
    public string Compared { get; private set; } = "";

    public async Task StopAsync()
    {
        if (_daemon is not null) await _daemon.DisposeAsync();
    }

    /// <summary>Per rm_ table: its row count and a digest of its rows in a stable order, without the documents' write times.</summary>
    private async Task<SortedDictionary<string, string>> SnapshotAsync()
    {
        var tables = new List<string>();
        await using (var list = _store.DataSource.CreateCommand(
                         "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name LIKE 'rm\\_%'"))
        {
            list.Parameters.AddWithValue(_schema);
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        var snapshot = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var digest = _store.DataSource.CreateCommand(
                $"SELECT count(*) || ' rows, md5 ' || coalesce(md5(string_agg(r, '|' ORDER BY r)), '-') " +
                $"FROM (SELECT (to_jsonb(t) - 'updated')::text AS r FROM \"{_schema}\".{table} t) rows");
            snapshot[table] = (string)(await digest.ExecuteScalarAsync())!;
        }
        return snapshot;
    }
}
