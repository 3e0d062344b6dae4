using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Monitor.Hosting.Configuration;
using Monitor.Hosting.Observability.Metrics;

namespace Monitor.Hosting.Tests.Metrics;

/// <summary>
/// A service's /metrics as AddMonitorMetrics and MapMonitorMetrics make it, on a loopback port, exporting
/// only the given meters; scraped over HTTP like Prometheus does.
/// </summary>
public sealed class MetricsEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _http;

    private MetricsEndpoint(WebApplication app, HttpClient http)
    {
        _app = app;
        _http = http;
    }

    public static async Task<MetricsEndpoint> StartAsync(IEnumerable<string> meters, string service = MonitorServices.Ingestion)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        var settings = MonitorSettings.From(new ConfigurationBuilder().Build(), service);
        builder.AddMonitorMetrics(settings, meters);
        var app = builder.Build();
        app.MapMonitorMetrics();
        await app.StartAsync();
        return new MetricsEndpoint(app, new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) });
    }

    public async Task<Scraped> ScrapeAsync() => new(await _http.GetStringAsync("/metrics"));

    internal static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
