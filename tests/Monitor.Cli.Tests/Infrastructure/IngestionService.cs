using Monitor.Testing;
using Monitor.Testing.Processes;

namespace Monitor.Cli.Tests.Infrastructure;

/// <summary>The ingestion service as its own process against a fresh schema and vhost, for one test class.</summary>
public sealed class IngestionService : IAsyncLifetime
{
    private readonly PostgresSchema _schema = new();
    private readonly RabbitMqVhost _vhost = new();
    private ServiceProcess? _process;

    public string[] Url => ["--url", _process!.BaseAddress.ToString()];

    public async Task InitializeAsync()
    {
        await _schema.InitializeAsync();
        await _vhost.InitializeAsync();
        _process = await ServiceProcess.StartReadyAsync("Ingestion", Environment);
    }

    /// <summary>The store the service writes to, as the CLI reads it (stats, ingest --wait).</summary>
    public Dictionary<string, string> Environment => new()
    {
        ["MONITOR_POSTGRES"] = _schema.ConnectionString,
        ["MONITOR_EVENTSTORE_SCHEMA"] = _schema.Name,
        ["MONITOR_RABBITMQ"] = _vhost.AmqpUri.ToString(),
    };

    /// <summary>The platform ids stored with a coverage-ingested event, sorted.</summary>
    public async Task<IReadOnlyList<string>> IngestedIdsAsync()
    {
        await using var command = _schema.DataSource.CreateCommand(
            $"SELECT data->>'platformId' FROM \"{_schema.Name}\".mt_events WHERE type = 'coverage-ingested' ORDER BY 1");
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        return ids;
    }

    /// <summary>The platform ids of the coverage-ingested events in the order they were stored.</summary>
    public async Task<IReadOnlyList<string>> IngestedInOrderAsync()
    {
        await using var command = _schema.DataSource.CreateCommand(
            $"SELECT data->>'platformId' FROM \"{_schema.Name}\".mt_events WHERE type = 'coverage-ingested' ORDER BY seq_id");
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        return ids;
    }

    public async Task DisposeAsync()
    {
        if (_process is not null) await _process.DisposeAsync();
        await _vhost.DisposeAsync();
        await _schema.DisposeAsync();
    }
}
