using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Configuration;
using Monitor.Hosting.Configuration;

namespace Monitor.Hosting.Tests.Tracing;

public sealed class When_exporting_traces_over_otlp
{
    private static MonitorSettings Settings(string? endpoint) =>
        MonitorSettings.From(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [MonitorSettings.OtlpEndpointVariable] = endpoint })
            .Build(), "ingestion");

    [Fact]
    public void Should_send_finished_spans_to_the_receivers_traces_resource_as_protobuf()
    {
        using var receiver = new LocalOtlpReceiver();
        var source = new ActivitySource("Monitor.Tests.Otlp." + Guid.NewGuid().ToString("N"));
        var spanName = "ingest-" + Guid.NewGuid().ToString("N")[..8];

        using (var traces = Traces.Start(Settings(receiver.Endpoint.ToString()), [source.Name]))
        {
            using (var activity = source.StartActivity(spanName))
            {
                Assert.NotNull(activity);
                Assert.True(activity.Recorded);
            }
            Assert.True(traces.Flush(TimeSpan.FromSeconds(10)));
        }

        var request = Assert.Single(receiver.Requests);
        Assert.Equal("/v1/traces", request.Path);
        Assert.Equal("application/x-protobuf", request.ContentType);
        // protobuf keeps strings as UTF-8 bytes: the span's name and the service's resource name are in the body
        var body = Encoding.UTF8.GetString(request.Body);
        Assert.Contains(spanName, body);
        Assert.Contains("monitor-ingestion", body);
    }

    [Fact]
    public void Should_keep_a_link_to_every_trace_of_a_relay_sized_batch()
    {
        using var receiver = new LocalOtlpReceiver();
        var source = new ActivitySource("Monitor.Tests.OtlpLinks." + Guid.NewGuid().ToString("N"));
        var linked = Enumerable.Range(0, 500)
            .Select(_ => new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded))
            .ToList();

        using (var traces = Traces.Start(Settings(receiver.Endpoint.ToString()), [source.Name]))
        {
            using (source.StartActivity("relay publish", ActivityKind.Producer, parentContext: default, links: linked.Select(c => new ActivityLink(c)))) { }
            Assert.True(traces.Flush(TimeSpan.FromSeconds(10)));
        }

        // protobuf keeps a link's trace id as its 16 raw bytes
        var body = Assert.Single(receiver.Requests).Body;
        var exported = linked.Count(c =>
        {
            Span<byte> id = stackalloc byte[16];
            c.TraceId.CopyTo(id);
            return body.AsSpan().IndexOf(id) >= 0;
        });
        Assert.Equal(linked.Count, exported);
    }

    [Fact]
    public void Should_still_create_activities_for_trace_ids_when_no_endpoint_is_set()
    {
        var source = new ActivitySource("Monitor.Tests.NoOtlp." + Guid.NewGuid().ToString("N"));

        using var traces = Traces.Start(Settings(null), [source.Name]);
        using var activity = source.StartActivity("consume");

        Assert.NotNull(activity);
        Assert.False(activity.Recorded);
        Assert.NotEqual(default, activity.TraceId);
    }
}
