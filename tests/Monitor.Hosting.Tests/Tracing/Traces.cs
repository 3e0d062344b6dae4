using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Monitor.Hosting.Configuration;
using Monitor.Hosting.Observability.Tracing;
using OpenTelemetry.Trace;

namespace Monitor.Hosting.Tests.Tracing;

/// <summary>A service's tracing as AddMonitorTracing sets it up, without the rest of the service.</summary>
public sealed class Traces : IDisposable
{
    private readonly IHost _host;
    private readonly TracerProvider _provider;

    private Traces(IHost host)
    {
        _host = host;
        _provider = host.Services.GetRequiredService<TracerProvider>();
    }

    public static Traces Start(MonitorSettings settings, IEnumerable<string>? sources = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.AddMonitorTracing(settings, sources);
        return new Traces(builder.Build());
    }

    /// <summary>Sends the spans still buffered, waiting at most <paramref name="timeout"/>.</summary>
    public bool Flush(TimeSpan timeout) => _provider.ForceFlush((int)timeout.TotalMilliseconds);

    public void Dispose() => _host.Dispose();
}
