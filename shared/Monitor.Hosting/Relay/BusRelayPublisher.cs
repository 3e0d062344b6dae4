using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Logging;
using Monitor.EventStore;
using Monitor.Hosting.Observability;
using Monitor.Hosting.Observability.Tracing;
using Polly;
using Polly.Retry;

namespace Monitor.Hosting.Relay;

/// <summary>
/// Publishes a page of committed events through MassTransit, every publish of the page in flight at once, each
/// to its type's exchange (Monitor.Contracts:CoverageIngested) with MessageId = event id and the stream's id,
/// version and event type as headers. It returns only when the broker has confirmed every publish (the bus has
/// publisher confirms on); the daemon then saves the relay's progress. A page the broker did not confirm (the
/// connection lost, a publish refused, no answer within <see cref="AttemptTimeout"/>) is published again,
/// whole, until it is confirmed or the service stops: the consumers absorb the copies.
/// Each message goes out in the trace its event was appended in, so the trace goes on past the event log;
/// the page's span links to those traces.
/// </summary>
public sealed class BusRelayPublisher(Func<IPublishEndpoint> bus, ILogger logger) : ISubscriptionHandler
{
    /// <summary>Far longer than a page of 500 takes; it bounds a publish that waits on a connection that is gone.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(30);

    private readonly ResiliencePipeline _retry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
            MaxRetryAttempts = int.MaxValue,
            Delay = TimeSpan.FromMilliseconds(500),
            BackoffType = DelayBackoffType.Exponential,
            MaxDelay = TimeSpan.FromSeconds(2),
            OnRetry = retry =>
            {
                logger.LogError(retry.Outcome.Exception, "Relay could not publish a page; it is not marked done and is published again (attempt {Attempt})", retry.AttemptNumber + 1);
                MonitorMetrics.Failed("relay");
                return default;
            },
        })
        .AddTimeout(AttemptTimeout)
        .Build();

    public Task HandleAsync(IReadOnlyList<StoredEvent> batch, SubscriptionContext context, CancellationToken ct) =>
        _retry.ExecuteAsync(token => new ValueTask(PublishAsync(batch, token)), ct).AsTask();

    private async Task PublishAsync(IReadOnlyList<StoredEvent> batch, CancellationToken ct)
    {
        var source = MonitorTracing.Source;
        var tracing = source.HasListeners();
        using var activity = tracing
            ? source.StartActivity("relay publish", ActivityKind.Producer, parentContext: default, links: StoredTraceLinks(batch))
            : null;
        activity?.SetTag("messaging.batch.message_count", batch.Count);
        var endpoint = bus();
        var confirmations = new Task[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var stored = batch[i];
            // MassTransit's send span takes the current activity as its parent: the event's own trace.
            using var appended = tracing ? InTraceOf(stored) : null;
            confirmations[i] = endpoint.Publish(stored.Data, stored.Data.GetType(), Pipe.Execute<PublishContext>(publish =>
            {
                publish.MessageId = stored.Id;
                publish.Headers.Set(RelaySubscription.StreamIdHeader, stored.StreamId.ToString());
                publish.Headers.Set(RelaySubscription.StreamVersionHeader, stored.Version);
                publish.Headers.Set(RelaySubscription.EventTypeHeader, stored.Type);
            }), ct);
        }
        await Task.WhenAll(confirmations);
    }

    /// <summary>
    /// An activity (not exported itself) in the trace the event was appended in, current while its publish starts.
    /// Null when the event carries no trace context.
    /// </summary>
    private static Activity? InTraceOf(StoredEvent stored)
    {
        if (!stored.Headers.TryGetValue(TraceContextHeaders.TraceParent, out var traceparent)) return null;
        var activity = new Activity("relay event").SetParentId(traceparent);
        if (stored.Headers.TryGetValue(TraceContextHeaders.TraceState, out var tracestate)) activity.TraceStateString = tracestate;
        return activity.Start();
    }

    private static IEnumerable<ActivityLink> StoredTraceLinks(IReadOnlyList<StoredEvent> batch)
    {
        foreach (var stored in batch)
            if (TraceContextHeaders.TryParse(stored.Headers, out var context))
                yield return new ActivityLink(context);
    }
}
