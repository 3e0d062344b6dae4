using System.Collections.Concurrent;
using System.Diagnostics;
using Monitor.Contracts;
using Monitor.EventStore;
using Monitor.Hosting.Observability.Tracing;
using Monitor.Hosting.Relay;
using Monitor.Hosting.Storage;
using Monitor.Pipeline.Tests.Infrastructure;
using Monitor.Testing;
using RabbitMQ.Client;

namespace Monitor.Pipeline.Tests.Relay;

/// <summary>
/// Events appended while an activity was current carry its trace context in their stored headers; the
/// relay publishes each in that trace (MassTransit's traceparent header names the appending trace) and links
/// its own span to those traces, so the trace goes on past the event log.
/// </summary>
public class When_the_relay_publishes_events_appended_under_a_trace(RelayFixture fixture) : IClassFixture<RelayFixture>
{
    private const string ObserverQueue = "relay-trace-observer";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Should_publish_each_event_with_the_traceparent_it_was_appended_under_and_link_the_relay_span_to_it()
    {
        var relaySpans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            // Names, not MonitorTracing.Sources: this runs inside MonitorTracing's own initialization when it creates its source.
            ShouldListenTo = source => source.Name is MonitorTracing.SourceName or "MassTransit",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { if (activity.OperationName == "relay publish") relaySpans.Enqueue(activity); },
        };
        ActivitySource.AddActivityListener(listener);
        await BindObserverQueueAsync();

        var traced = When_the_relay_publishes_committed_events.Ingested("traced-", 3);
        var untraced = When_the_relay_publishes_committed_events.Ingested("untraced-", 2);
        var traceparents = new Dictionary<Guid, string>();
        foreach (var item in traced)
        {
            // One activity per item, as one HTTP request per item would be.
            using var request = new Activity("ingest request").SetIdFormat(ActivityIdFormat.W3C).Start();
            traceparents[CoverageEventIds.Ingested(item.CoverageId)] = request.Id!;
            await AppendAsync(item);
        }
        foreach (var item in untraced) await AppendAsync(item);

        await using var publisher = await RelayPublishers.ConnectAsync(fixture.Vhost);
        using var queues = new RabbitMqQueues(fixture.Vhost);
        IReadOnlyList<RabbitMqQueues.PeekedMessage> published = [];
        await using (await RelayRun.StartAsync(fixture.Store, publisher))
        {
            var all = traced.Count + untraced.Count;
            var complete = await Until.HoldsAsync(async () => (published = await queues.PeekAsync(ObserverQueue)).Count >= all, Patience);
            Assert.True(complete, $"expected {all} messages on {ObserverQueue}, saw {published.Count}");
        }

        var byMessageId = published.ToDictionary(m => Guid.Parse(MessageIdOf(m.Body)));
        foreach (var (eventId, traceparent) in traceparents)
        {
            var headers = byMessageId[eventId].Headers;
            var sent = TraceContextOf(headers);
            Assert.True(sent is not null, $"no trace context among the headers: {string.Join(", ", headers.Keys)}");
            Assert.Equal(TraceIdOf(traceparent), TraceIdOf(sent!));
        }
        // Events appended outside any trace start traces of their own: none is published in a traced item's trace.
        foreach (var item in untraced)
            if (TraceContextOf(byMessageId[CoverageEventIds.Ingested(item.CoverageId)].Headers) is { } own)
                Assert.DoesNotContain(TraceIdOf(own), traceparents.Values.Select(TraceIdOf));

        var linkedTraces = relaySpans.SelectMany(span => span.Links).Select(link => link.Context.TraceId.ToHexString()).ToHashSet();
        Assert.All(traceparents.Values, traceparent => Assert.Contains(ActivityContext.Parse(traceparent, null).TraceId.ToHexString(), linkedTraces));
    }

    private Task AppendAsync(CoverageIngested item) =>
        fixture.Store.AppendAsync(item.CoverageId, MonitorEventTypes.CoverageStream, ExpectedVersion.NoStream,
            [new EventData(CoverageEventIds.Ingested(item.CoverageId), item)]);

    /// <summary>A queue of the test's own on the exchange the relay publishes CoverageIngested to, declared as MassTransit declares it.</summary>
    private async Task BindObserverQueueAsync()
    {
        const string exchange = "Monitor.Contracts:CoverageIngested";
        await using var connection = await new ConnectionFactory { Uri = fixture.Vhost.AmqpUri }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
        await channel.QueueDeclareAsync(ObserverQueue, durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync(ObserverQueue, exchange, "");
    }

    /// <summary>
    /// The W3C trace context MassTransit sent the message in: traceparent where OpenTelemetry's propagator is set
    /// (the services), otherwise its own MT-Activity-Id header (this test's bus), both the send span's W3C id.
    /// </summary>
    private static string? TraceContextOf(IReadOnlyDictionary<string, string> headers) =>
        headers.TryGetValue(TraceContextHeaders.TraceParent, out var traceparent) ? traceparent
        : headers.TryGetValue("MT-Activity-Id", out var activityId) ? activityId : null;

    private static string TraceIdOf(string traceparent) => ActivityContext.Parse(traceparent, null).TraceId.ToHexString();

    private static string MessageIdOf(string envelope) =>
        System.Text.Json.JsonDocument.Parse(envelope).RootElement.GetProperty("messageId").GetString()!;
}
