using Monitor.Testing;

namespace Monitor.Pipeline.Tests.Infrastructure;

/// <summary>
/// The pipeline's services, each its own process, against one fresh schema and one fresh vhost.
/// Start only the ones a test needs; dispose kills them all.
/// </summary>
public sealed class PipelineProcesses : IAsyncDisposable
{
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    public const string Ingestion = "Ingestion";
    public const string Extraction = "Extraction";
    public const string Sentiment = "Sentiment";
    public const string Relay = "Relay";
    public static readonly IReadOnlyList<string> All = [Ingestion, Extraction, Sentiment, Relay];

    private readonly Dictionary<string, ServiceProcess> _services = new();
    private readonly Dictionary<string, string> _environment;

    public PipelineProcesses(PostgresSchema schema, RabbitMqVhost vhost, IReadOnlyDictionary<string, string>? extra = null)
    {
        _environment = new Dictionary<string, string>
        {
            ["MONITOR_POSTGRES"] = schema.ConnectionString,
            ["MONITOR_EVENTSTORE_SCHEMA"] = schema.Name,
            ["MONITOR_RABBITMQ"] = vhost.AmqpUri.ToString(),
        };
        foreach (var (name, value) in extra ?? new Dictionary<string, string>()) _environment[name] = value;
    }

    public ServiceProcess this[string folder] => _services[folder];

    public async Task StartAsync(params string[] folders)
    {
        StartWithoutWaiting(folders);
        await Task.WhenAll(folders.Select(f => _services[f].WaitUntilReadyAsync(ReadyTimeout)));
    }

    public void StartWithoutWaiting(params string[] folders)
    {
        foreach (var folder in folders)
            _services[folder] = ServiceProcess.Start(folder, _environment);
    }

    /// <summary>Another instance of a service (e.g. a standby relay), reachable under <paramref name="key"/>.</summary>
    public async Task StartInstanceAsync(string folder, string key)
    {
        _services[key] = ServiceProcess.Start(folder, _environment);
        await _services[key].WaitUntilReadyAsync(ReadyTimeout);
    }

    /// <summary>Kills one instance (its process tree), as a crash would.</summary>
    public async Task KillAsync(string key)
    {
        await _services[key].DisposeAsync();
        _services.Remove(key);
    }

    /// <summary>Every process's captured output, for the test log when something failed.</summary>
    public string Output() =>
        string.Join("\n\n", _services.Values.Select(s => $"===== {s.Name}{(s.HasExited ? " (exited)" : "")} =====\n{s.Output()}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var service in _services.Values) await service.DisposeAsync();
        _services.Clear();
    }
}
