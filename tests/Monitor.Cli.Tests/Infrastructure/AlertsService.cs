using System.Net.Http.Json;
using Monitor.Contracts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;
using Monitor.Testing;
using Monitor.Testing.Processes;

namespace Monitor.Cli.Tests.Infrastructure;

/// <summary>
/// The alerts service as its own process against a fresh schema and vhost, for one test class (a class
/// fixture: starting it takes seconds). Also stores scored items as the pipeline would, for backtests.
/// </summary>
public sealed class AlertsService : IAsyncLifetime
{
    public const string AdminKey = "admin-key-for-cli-tests-0123456789";

    private readonly PostgresSchema _schema = new();
    private readonly RabbitMqVhost _vhost = new();
    private ServiceProcess? _process;

    public Uri BaseAddress => _process!.BaseAddress;

    public async Task InitializeAsync()
    {
        await _schema.InitializeAsync();
        await _vhost.InitializeAsync();
        _process = await ServiceProcess.StartReadyAsync("Alerts", new Dictionary<string, string>
        {
            ["MONITOR_POSTGRES"] = _schema.ConnectionString,
            ["MONITOR_EVENTSTORE_SCHEMA"] = _schema.Name,
            ["MONITOR_RABBITMQ"] = _vhost.AmqpUri.ToString(),
            ["MONITOR_ADMIN_KEY"] = AdminKey,
            ["MONITOR_ALERTS_ALLOWED_ADDRESSES"] = "127.0.0.1",
        });
    }

    /// <summary>What the CLI needs to reach this service with the given key.</summary>
    public Dictionary<string, string> Environment(string key) => new() { ["MONITOR_API_KEY"] = key };

    public string[] Url => ["--url", BaseAddress.ToString()];

    public async Task<string> IssueKeyAsync(string owner, string role)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        using var response = await http.PostAsJsonAsync("/api/keys", new { owner, role });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<IssuedKey>())!.Key;
    }

    private sealed record IssuedKey(string Key);

    /// <summary>Stores a scored item as the pipeline would (CoverageIngested, then SentimentScored), for backtests to find.</summary>
    public async Task StoreScoredAsync(SentimentScored scored, string url)
    {
        await using var store = EventStore.EventStore.Create(
            new EventStoreOptions { ConnectionString = _schema.ConnectionString, Schema = _schema.Name }, MonitorEventTypes.CreateRegistry());
        var ingested = new CoverageIngested(scored.CoverageId, scored.Platform, scored.CoverageId.ToString("N"), url, null, "text",
            new Author("a", "A"), scored.PublishedAt, Engagement.None, [], null, "test", scored.PublishedAt);
        await store.AppendAsync(scored.CoverageId, MonitorEventTypes.CoverageStream, ExpectedVersion.Any,
        [
            new EventData(CoverageEventIds.Ingested(scored.CoverageId), ingested),
            new EventData(CoverageEventIds.Scored(scored.CoverageId), scored),
        ]);
    }

    public async Task DisposeAsync()
    {
        if (_process is not null) await _process.DisposeAsync();
        await _vhost.DisposeAsync();
        await _schema.DisposeAsync();
    }
}
