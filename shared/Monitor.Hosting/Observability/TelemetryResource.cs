using Monitor.Hosting.Configuration;
using OpenTelemetry.Resources;

namespace Monitor.Hosting.Observability;

/// <summary>What a service's spans and metrics say about where they come from.</summary>
public static class TelemetryResource
{
    /// <summary>The resource attribute /metrics puts on every series as a label, service="ingestion".</summary>
    public const string ServiceLabel = "service";

    public static ResourceBuilder AddMonitorService(this ResourceBuilder resource, MonitorSettings settings) => resource
        .AddService("monitor-" + settings.ServiceName)
        .AddAttributes([new KeyValuePair<string, object>(ServiceLabel, settings.ServiceName)]);
}
