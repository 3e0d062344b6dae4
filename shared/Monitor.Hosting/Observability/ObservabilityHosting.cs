using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Monitor.Hosting.Configuration;
using Monitor.Hosting.Observability.Logging;
using Monitor.Hosting.Observability.Metrics;
using Monitor.Hosting.Observability.Tracing;

namespace Monitor.Hosting.Observability;

public static class ObservabilityHosting
{
    /// <summary>
    /// Metrics (/metrics, bus observers, queue lag sampler), traces (OTLP when configured) and console
    /// logs (JSON with trace ids, or single-line text) for a service. Called by AddMonitorDefaults, first,
    /// so OpenTelemetry's providers start before the bus: nothing consumed or published goes uncounted or
    /// untraced, and they are disposed (the last spans sent) after it stopped.
    /// </summary>
    public static WebApplicationBuilder AddMonitorObservability(this WebApplicationBuilder builder, MonitorSettings settings)
    {
        builder.AddMonitorMetrics(settings);
        builder.AddMonitorTracing(settings);

        builder.Logging.AddMonitorConsoleLogs(settings);

        builder.Services.AddPublishObserver<PublishMetricsObserver>();
        builder.Services.AddConsumeObserver<ConsumeMetricsObserver>();
        builder.Services.AddSingleton<ServiceQueues>();
        builder.Services.AddReceiveEndpointObserver(sp => sp.GetRequiredService<ServiceQueues>());
        builder.Services.AddHostedService<QueueLagSampler>();
        return builder;
    }
}
