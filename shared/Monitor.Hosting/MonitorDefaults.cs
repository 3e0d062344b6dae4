using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Monitor.EventStore;
using Monitor.Hosting.Configuration;
using Monitor.Hosting.Health;
using Monitor.Hosting.Observability;
using Monitor.Hosting.Observability.Metrics;
using Monitor.Hosting.Storage;

namespace Monitor.Hosting;

public static class MonitorDefaults
{
    public const string ReadyTag = "ready";

    /// <summary>
    /// What every Monitor service is made of: settings from the environment, console logs (JSON with
    /// trace ids by default), metrics and traces, health checks, and the event store on Marten (one per process,
    /// its schema migrated at start, or awaited when MONITOR_EVENTSTORE_MIGRATE=false).
    /// </summary>
    public static WebApplicationBuilder AddMonitorDefaults(this WebApplicationBuilder builder, string serviceName)
    {
        var settings = Configuration.MonitorSettings.From(builder.Configuration, serviceName);
        builder.Services.AddSingleton(settings);
        builder.WebHost.UseUrls(settings.Urls);

        builder.AddMonitorObservability(settings);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Npgsql", LogLevel.Warning);
        // Marten logs every schema statement it applies at start as information.
        builder.Logging.AddFilter("Marten.IDocumentStore", LogLevel.Warning);
        // Under load its coordinator reports a high water mark that moves slower than the log as information, several times a second.
        builder.Logging.AddFilter("Marten.Events.Daemon.Coordination.ProjectionCoordinator", LogLevel.Warning);

        builder.AddEventStore(settings);

        builder.Services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgres", tags: [ReadyTag]);
        return builder;
    }

    /// <summary>/health/live answers while the process runs; /health/ready when the database and the bus are reachable; /metrics for Prometheus.</summary>
    public static WebApplication MapMonitorDefaults(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = HealthReportWriter.WriteAsync,
        });
        app.MapMonitorMetrics();
        return app;
    }

    public static MonitorSettings GetMonitorSettings(this WebApplicationBuilder builder) =>
        builder.Services.Select(d => d.ImplementationInstance).OfType<MonitorSettings>().LastOrDefault()
        ?? throw new InvalidOperationException("Call builder.AddMonitorDefaults(serviceName) before the other Monitor registrations.");
}
