using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Monitor.Hosting.Configuration;
using OpenTelemetry.Exporter;
using OpenTelemetry.Trace;

namespace Monitor.Hosting.Observability.Tracing;

/// <summary>
/// Where the service's spans go, through OpenTelemetry's SDK. With MONITOR_OTLP_ENDPOINT set, it samples
/// (parent-based, MONITOR_OTLP_SAMPLE_RATIO of new traces) and exports over OTLP. Without it, activities
/// are still created (propagation only, nothing recorded), so log lines carry the trace id and the trace
/// context still travels on: in MassTransit's sends (the feeds) and in the events' stored headers (through the relay).
/// </summary>
public static class TracingHosting
{
    /// <summary>
    /// Links kept per span unless OTEL_SPAN_LINK_COUNT_LIMIT says otherwise. A batch's span links to the trace of
    /// every message or event in it (the relay reads 500 at a time); OpenTelemetry's default keeps 128.
    /// </summary>
    public const int SpanLinkLimit = 1000;

    public const string SpanLinkLimitVariable = "OTEL_SPAN_LINK_COUNT_LIMIT";

    public static IHostApplicationBuilder AddMonitorTracing(this IHostApplicationBuilder builder, MonitorSettings settings, IEnumerable<string>? sources = null)
    {
        // A default under every other source: the variable, when set, still wins.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = [new(SpanLinkLimitVariable, SpanLinkLimit.ToString(CultureInfo.InvariantCulture))],
        });

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddMonitorService(settings))
            .WithTracing(tracing =>
            {
                tracing.AddSource([.. sources ?? MonitorTracing.Sources]);
                if (settings.OtlpEndpoint is not { } endpoint)
                {
                    tracing.SetSampler(new PropagationOnlySampler());
                    return;
                }
                var grpc = settings.OtlpProtocol == MonitorSettings.OtlpGrpc;
                tracing
                    .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(settings.OtlpSampleRatio)))
                    .AddOtlpExporter(otlp =>
                    {
                        otlp.Protocol = grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
                        // Over HTTP the SDK takes the endpoint as the full URL of the traces resource.
                        otlp.Endpoint = grpc ? endpoint : new Uri(endpoint.ToString().TrimEnd('/') + "/v1/traces");
                    });
            });
        return builder;
    }

    /// <summary>Every span is created (so it has a trace id to log and pass on) and none is recorded.</summary>
    private sealed class PropagationOnlySampler : Sampler
    {
        public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) => new(SamplingDecision.Drop);
    }
}
