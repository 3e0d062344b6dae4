using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Monitor.EventStore;
using Monitor.Hosting.Configuration;
using Monitor.Hosting.Storage;
using Monitor.Testing;

namespace Monitor.Hosting.Tests.Metrics;

/// <summary>A service made of AddMonitorDefaults and MapMonitorDefaults, on real PostgreSQL, scraped over HTTP.</summary>
public sealed class When_a_service_serves_metrics(PostgresSchema schema) : IClassFixture<PostgresSchema>, IAsyncLifetime
{
    private WebApplication _app = null!;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async Task InitializeAsync()
    {
        // The schema is made by its owner first; this service only waits for it (MONITOR_EVENTSTORE_MIGRATE=false).
        await using (var owner = EventStore.EventStore.Create(new EventStoreOptions { ConnectionString = schema.ConnectionString, Schema = schema.Name }, MonitorEventTypes.CreateRegistry()))
            await owner.EnsureSchemaAsync();

        var port = MetricsEndpoint.FreePort();
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [MonitorSettings.PostgresVariable] = schema.ConnectionString,
            [MonitorSettings.SchemaVariable] = schema.Name,
            [MonitorSettings.UrlsVariable] = $"http://127.0.0.1:{port}",
            [MonitorSettings.MigrateVariable] = "false",
        });
        builder.AddMonitorDefaults(MonitorServices.Ingestion);
        _app = builder.Build();
        _app.MapMonitorDefaults();
        await _app.StartAsync();
        _http.BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    [Fact]
    public async Task Should_answer_in_the_prometheus_text_format_with_runtime_and_request_metrics()
    {
        (await _http.GetAsync("/health/ready")).EnsureSuccessStatusCode();

        using var response = await _http.GetAsync("/metrics");
        var scraped = new Scraped(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("0.0.4", response.Content.Headers.ContentType?.Parameters.Single(p => p.Name == "version").Value);
        Assert.True(scraped.Value("dotnet_process_memory_working_set_bytes", ("service", "ingestion")) > 0, scraped.Text);
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", scraped.Text);
        Assert.Contains(scraped.Lines("http_server_request_duration_seconds_count{"), l => l.Contains("service=\"ingestion\"") && l.Contains("/health/ready"));
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
