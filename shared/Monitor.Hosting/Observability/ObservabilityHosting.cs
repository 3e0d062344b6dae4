using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Monitor.Hosting.Configuration;
using Monitor.Hosting.Observability.Logging;
using Monitor.Hosting.Observability.Metrics;
using Monitor.Hosting.Observability.Tracing;

namespace Monitor.Hosting.Observability;

public static class ObservabilityHosting
{
    /// <summary>The meters /metrics exports: Monitor's own, the .NET runtime's (GC, memory, CPU, thread pool) and ASP.NET Core's request durations.</summary>
    public static readonly IReadOnlyList<string> ExportedMeters = [MonitorMetrics.MeterName, "System.Runtime", "Microsoft.AspNetCore.Hosting"];

    /// <summary>
    /// Metrics (exporter, bus observers, queue lag sampler), traces (OTLP when configured) and console
    /// logs (JSON with trace ids, or single-line text) for a service. Called by AddMonitorDefaults.
    /// </summary>
    public static WebApplicationBuilder AddMonitorObservability(this WebApplicationBuilder builder, MonitorSettings settings)
    {
        // Made by the container (so disposed with the app) and made at start by ObservabilityLifetime,
        // before the bus: nothing consumed or published goes uncounted or untraced.
        builder.Services.AddSingleton(_ => TraceExport.Start(settings));
        builder.Services.AddSingleton(_ => new PrometheusExporter(ExportedMeters, new Dictionary<string, string> { ["service"] = settings.ServiceName }));
        // Registered first, so stopped last: the spans of the shutdown itself are still sent.
        builder.Services.AddHostedService<ObservabilityLifetime>();

        builder.Logging.ClearProviders();
        if (settings.JsonLogs)
        {
            builder.Logging.AddConsole(o => o.FormatterName = JsonLogFormatter.FormatterName);
            builder.Logging.AddConsoleFormatter<JsonLogFormatter, JsonLogFormatterOptions>(o =>
            {
                o.Service = settings.ServiceName;
                o.IncludeScopes = true;
            });
        }
        else
        {
            builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; });
        }

        builder.Services.AddPublishObserver<PublishMetricsObserver>();
        builder.Services.AddSingleton<ServiceQueues>();
        builder.Services.AddReceiveEndpointObserver(sp => sp.GetRequiredService<ServiceQueues>());
        builder.Services.AddHostedService<QueueLagSampler>();
        return builder;
    }

    /// <summary>GET /metrics: everything measured, in the Prometheus text format.</summary>
    public static IEndpointRouteBuilder MapMonitorMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/metrics", (PrometheusExporter exporter) => Results.Text(exporter.Scrape(), PrometheusText.ContentType));
        return endpoints;
    }

    private sealed class ObservabilityLifetime(TraceExport traces, PrometheusExporter metrics) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            GC.KeepAlive(metrics);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            traces.Flush(TimeSpan.FromSeconds(5));
            return Task.CompletedTask;
        }
    }
}
