using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Monitor.Api;
using Monitor.EventStore;
using Monitor.Hosting;
using Monitor.Hosting.Access;
using Monitor.ReadModels;
using Monitor.Testing;

namespace Monitor.Api.Tests.Infrastructure;

/// <summary>
/// The API started in this process on a free loopback port against a test class's fresh schema, with an
/// event store of its own for the test to append to, the way the pipeline would.
/// </summary>
public sealed class ApiApp : IAsyncDisposable
{
    public const string AdminKey = "admin-key-for-api-tests-0123456789";

    private ApiApp(WebApplication app, Uri baseAddress, EventStore.EventStore store, PostgresSchema schema)
    {
        App = app;
        BaseAddress = baseAddress;
        Store = store;
        Schema = schema;
    }

    public WebApplication App { get; }
    public Uri BaseAddress { get; }
    public EventStore.EventStore Store { get; }
    public PostgresSchema Schema { get; }

    /// <param name="contentRoot">Where wwwroot (the dashboard) is looked for; the test's output folder when null.</param>
    public static async Task<ApiApp> StartAsync(PostgresSchema schema, string? contentRoot = null)
    {
        var port = FreePort();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = contentRoot ?? AppContext.BaseDirectory, EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MONITOR_POSTGRES"] = schema.ConnectionString,
            ["MONITOR_EVENTSTORE_SCHEMA"] = schema.Name,
            ["MONITOR_ADMIN_KEY"] = AdminKey,
            ["MONITOR_LOG_FORMAT"] = "text",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
        });
        builder.AddMonitorDefaults(ApiHosting.ServiceName);
        builder.AddApi();
        builder.Logging.SetMinimumLevel(Environment.GetEnvironmentVariable("MONITOR_TEST_LOGS") is null ? LogLevel.Warning : LogLevel.Information);
        var app = builder.Build();
        app.MapMonitorDefaults();
        app.MapApi();
        using (var start = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
            await app.StartAsync(start.Token);

        var store = EventStore.EventStore.Create(new EventStoreOptions { ConnectionString = schema.ConnectionString, Schema = schema.Name },
            ReadModelCatalogue.CreateEventTypeRegistry());
        var api = new ApiApp(app, new Uri($"http://127.0.0.1:{port}"), store, schema);
        await api.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        return api;
    }

    public HttpClient Client(string? key = AdminKey, HttpMessageHandler? handler = null)
    {
        var http = handler is null ? new HttpClient() : new HttpClient(handler);
        http.BaseAddress = BaseAddress;
        http.Timeout = TimeSpan.FromSeconds(30);
        if (key is not null) http.DefaultRequestHeaders.Add(ApiKeys.Header, key);
        return http;
    }

    public async Task<string> IssueKeyAsync(string owner, string role)
    {
        using var admin = Client();
        using var response = await admin.PostAsJsonAsync("/api/keys", new { owner, role });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<IssuedKey>())!.Key;
    }

    private sealed record IssuedKey(string Key);

    /// <summary>Waits until every read model has handled every event stored so far.</summary>
    public async Task WaitForProjectionsAsync(TimeSpan? timeout = null)
    {
        var catalogue = App.Services.GetRequiredService<ReadModelCatalogue>();
        IReadOnlyList<ReadModelStatus> last = [];
        var caughtUp = await Until.HoldsAsync(async () =>
        {
            last = await catalogue.StatusAsync(Store.DataSource);
            return last.All(s => s.Checkpoint is not null && s.Lag == 0);
        }, timeout ?? TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50));
        Assert.True(caughtUp, "read models did not catch up: " + string.Join(", ", last.Select(s => $"{s.Name} lag {s.Lag}")));
    }

    /// <summary>
    /// Takes the read models' subscriptions back to the start of the log through Marten's daemon, as after a crash
    /// between handling pages and saving their progress: every event is delivered again.
    /// </summary>
    public async Task RedeliverAsync(IEnumerable<string> projections)
    {
        var daemon = App.Services.GetRequiredService<JasperFx.Events.Daemon.IProjectionCoordinator>().DaemonForMainDatabase();
        foreach (var name in projections)
            await daemon.RewindSubscriptionAsync(name, CancellationToken.None, sequenceFloor: 0);
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = Client(key: null);
        var ready = await Until.HoldsAsync(async () =>
        {
            try
            {
                using var response = await http.GetAsync("/health/ready");
                return response.IsSuccessStatusCode;
            }
            catch (HttpRequestException) { return false; }
        }, timeout, TimeSpan.FromMilliseconds(100));
        Assert.True(ready, $"the API was not ready within {timeout.TotalSeconds:0} s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(15)))
            await App.StopAsync(stop.Token);
        await App.DisposeAsync();
        await Store.DisposeAsync();
    }
}
