using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Hosting.Configuration;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Monitor.Hosting.Observability.Tracing;

/// <summary>
/// Where the service's spans go. With MONITOR_OTLP_ENDPOINT set, OpenTelemetry's SDK samples
/// (parent-based, MONITOR_OTLP_SAMPLE_RATIO of new traces) and exports them over OTLP. Without it, a
/// listener still asks for activities (propagation only, nothing recorded), so log lines carry the
/// trace id and the trace context still travels on: in MassTransit's sends (the feeds) and in the
/// events' stored headers (through the relay).
/// </summary>
public sealed class TraceExport : IDisposable
{
    /// <summary>
    /// Links kept per span unless OTEL_SPAN_LINK_COUNT_LIMIT says otherwise. A batch's span links to the trace of
    /// every message or event in it (the relay reads 500 at a time); OpenTelemetry's default keeps 128.
    /// </summary>
    public const int SpanLinkLimit = 1000;

    private readonly TracerProvider? _provider;
    private readonly ActivityListener? _listener;

    private TraceExport(TracerProvider? provider, ActivityListener? listener)
    {
        _provider = provider;
        _listener = listener;
    }

    public bool Exports => _provider is not null;

    public static TraceExport Start(MonitorSettings settings, IEnumerable<string>? sources = null)
    {
        var names = (sources ?? MonitorTracing.Sources).ToArray();
        if (settings.OtlpEndpoint is not { } endpoint)
        {
            var listener = new ActivityListener
            {
                ShouldListenTo = source => names.Contains(source.Name),
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
            };
            ActivitySource.AddActivityListener(listener);
            return new TraceExport(null, listener);
        }

        var grpc = settings.OtlpProtocol == MonitorSettings.OtlpGrpc;
        var provider = Sdk.CreateTracerProviderBuilder()
            .ConfigureServices(services => services.AddSingleton<IConfiguration>(SdkConfiguration()))
            .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService("monitor-" + settings.ServiceName))
            .AddSource(names)
            .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(settings.OtlpSampleRatio)))
            .AddOtlpExporter(otlp =>
            {
                otlp.Protocol = grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
                // Over HTTP the SDK takes the endpoint as the full URL of the traces resource.
                otlp.Endpoint = grpc ? endpoint : new Uri(endpoint.ToString().TrimEnd('/') + "/v1/traces");
            })
            .Build();
        return new TraceExport(provider, null);
    }

    /// <summary>The SDK's own settings (OTEL_* variables) as it would read them, with <see cref="SpanLinkLimit"/> as the link limit's default.</summary>
    private static IConfiguration SdkConfiguration() => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["OTEL_SPAN_LINK_COUNT_LIMIT"] = SpanLinkLimit.ToString(CultureInfo.InvariantCulture) })
        .AddEnvironmentVariables()
        .Build();

    /// <summary>Sends the spans still buffered (at shutdown), waiting at most <paramref name="timeout"/>.</summary>
    public bool Flush(TimeSpan timeout) => _provider?.ForceFlush((int)timeout.TotalMilliseconds) ?? true;

    public void Dispose()
    {
        _provider?.Dispose();
        _listener?.Dispose();
    }
}
