using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Monitor.Hosting.Configuration;
using OpenTelemetry.Metrics;

namespace Monitor.Hosting.Observability.Metrics;

/// <summary>
/// /metrics through OpenTelemetry's SDK and its Prometheus exporter: instrument names become Prometheus
/// names (monitor.alert.latency in s -> monitor_alert_latency_seconds, counters end in _total), and every
/// series carries service="&lt;name&gt;".
/// </summary>
public static class MetricsHosting
{
    /// <summary>The meters /metrics exports: Monitor's own, the .NET runtime's (GC, memory, CPU, thread pool) and ASP.NET Core's request durations.</summary>
    public static readonly IReadOnlyList<string> ExportedMeters = [MonitorMetrics.MeterName, "System.Runtime", "Microsoft.AspNetCore.Hosting"];

    public static IHostApplicationBuilder AddMonitorMetrics(this IHostApplicationBuilder builder, MonitorSettings settings, IEnumerable<string>? meters = null)
    {
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddMonitorService(settings))
            .WithMetrics(metrics => metrics
                .AddMeter([.. meters ?? ExportedMeters])
                .AddPrometheusExporter(prometheus =>
                {
                    // Every scrape reads the instruments afresh (the exporter would otherwise answer from a 300 ms cache).
                    prometheus.ScrapeResponseCacheDurationMilliseconds = 0;
                    prometheus.ResourceConstantLabels = key => key == TelemetryResource.ServiceLabel;
                }));
        return builder;
    }

    /// <summary>GET /metrics: everything measured, in the Prometheus text format.</summary>
    public static IEndpointRouteBuilder MapMonitorMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint("/metrics");
        return endpoints;
    }
}
