using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Monitor.Contracts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;
using Monitor.Testing;

namespace Monitor.Cli.Tests.Infrastructure;

/// <summary>
/// The alerts service as its own process (services/Alerts' build output) on a free loopback port, against a fresh
/// schema and vhost; killed on dispose. One per test class (a class fixture): starting it takes seconds.
/// </summary>
public sealed class AlertsService : IAsyncLifetime
{
    public const string AdminKey = "admin-key-for-cli-tests-0123456789";

    private readonly PostgresSchema _schema = new();
    private readonly RabbitMqVhost _vhost = new();
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _schema.InitializeAsync();
        await _vhost.InitializeAsync();
        var assembly = Path.Combine(RepositoryRoot.Path, "services", "Alerts", "bin", RepositoryRoot.Configuration, "net10.0", "Monitor.Alerts.dll");
        if (!File.Exists(assembly)) throw new InvalidOperationException($"{assembly} does not exist: build services/Alerts first.");
        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet", $"\"{assembly}\"")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        start.Environment["MONITOR_POSTGRES"] = _schema.ConnectionString;
        start.Environment["MONITOR_EVENTSTORE_SCHEMA"] = _schema.Name;
        start.Environment["MONITOR_RABBITMQ"] = _vhost.AmqpUri.ToString();
        start.Environment["MONITOR_ADMIN_KEY"] = AdminKey;
        start.Environment["MONITOR_ALERTS_ALLOWED_ADDRESSES"] = "127.0.0.1";
        start.Environment["ASPNETCORE_URLS"] = BaseAddress.ToString();
        start.Environment["MONITOR_LOG_FORMAT"] = "text";
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var ready = await Until.HoldsAsync(async () =>
        {
            if (_process.HasExited) throw new InvalidOperationException($"alerts exited with {_process.ExitCode}:\n{Output()}");
            try
            {
                using var response = await http.GetAsync("/health/ready");
                return response.IsSuccessStatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(90), TimeSpan.FromMilliseconds(250));
        if (!ready) throw new TimeoutException($"alerts was not ready within 90 s:\n{Output()}");
    }

    public string Output() => string.Join('\n', _output.TakeLast(200));

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
        if (_process is not null)
        {
            try
            {
                if (!_process.HasExited) _process.Kill(entireProcessTree: true);
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (Exception e) when (e is InvalidOperationException or OperationCanceledException) { }
            finally { _process.Dispose(); }
        }
        await _vhost.DisposeAsync();
        await _schema.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
