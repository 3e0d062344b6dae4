using Monitor.EventStore;
using Monitor.Hosting.Storage;
using Monitor.Testing;
using Monitor.Testing.Processes;

namespace Monitor.Cli.Tests.Infrastructure;

/// <summary>The query API as its own process against a fresh schema, for one test class, with a store to append to as the pipeline would.</summary>
public sealed class ApiService : IAsyncLifetime
{
    public const string AdminKey = "admin-key-for-cli-api-tests-0123456789";

    private readonly PostgresSchema _schema = new();
    private ServiceProcess? _process;

    public EventStore.EventStore Store { get; private set; } = null!;

    public PostgresSchema Schema => _schema;

    public async Task InitializeAsync()
    {
        await _schema.InitializeAsync();
        _process = await ServiceProcess.StartReadyAsync("Api", new Dictionary<string, string>
        {
            ["MONITOR_POSTGRES"] = _schema.ConnectionString,
            ["MONITOR_EVENTSTORE_SCHEMA"] = _schema.Name,
            ["MONITOR_ADMIN_KEY"] = AdminKey,
        });
        Store = EventStore.EventStore.Create(new EventStoreOptions { ConnectionString = _schema.ConnectionString, Schema = _schema.Name },
            MonitorEventTypes.CreateRegistry());
    }

    /// <summary>What the CLI needs to reach this API with the given key, and the store it reads for --corrections.</summary>
    public Dictionary<string, string> Environment(string key) => new()
    {
        ["MONITOR_API_KEY"] = key,
        ["MONITOR_POSTGRES"] = _schema.ConnectionString,
        ["MONITOR_EVENTSTORE_SCHEMA"] = _schema.Name,
    };

    public string[] Url => ["--url", _process!.BaseAddress.ToString()];

    public async Task DisposeAsync()
    {
        if (Store is not null) await Store.DisposeAsync();
        if (_process is not null) await _process.DisposeAsync();
        await _schema.DisposeAsync();
    }
}
