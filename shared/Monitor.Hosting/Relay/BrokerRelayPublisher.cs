using System.Diagnostics;
using Monitor.EventStore;
using Monitor.Hosting.Bus.Queues;
using Monitor.Hosting.Configuration;
using RabbitMQ.Client;

namespace Monitor.Hosting.Relay;

/// <summary>
/// The relay's hot path on RabbitMQ.Client directly: a whole batch of committed events is published
/// on one confirming channel with every publish in flight at once, in MassTransit's envelope to the
/// exchange of each event's type. It returns only when the broker has confirmed every publish; the
/// daemon then saves the relay's progress.
/// Each message carries the trace context its event was appended in (AMQP header traceparent), so the
/// trace goes on past the event log; the batch's span links to those traces.
/// A broken connection fails the batch with <see cref="BrokerConnectionLostException"/>; the relay then
/// connects a new publisher and publishes the batch again (see <see cref="RelaySubscription"/>).
/// </summary>
public sealed class BrokerRelayPublisher : ISubscriptionHandler, IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly MassTransitEnvelope _envelope;
    private readonly HashSet<string> _declaredExchanges = new();

    private BrokerRelayPublisher(IConnection connection, IChannel channel, EventTypeRegistry registry, Uri brokerAddress)
    {
        _connection = connection;
        _channel = channel;
        _envelope = new MassTransitEnvelope(registry, brokerAddress, new Uri(brokerAddress, "relay").ToString());
    }

    /// <summary>
    /// Connects to the broker. <paramref name="registry"/> maps stored event names to the types whose
    /// exchanges the events go to.
    /// </summary>
    public static async Task<BrokerRelayPublisher> ConnectAsync(RabbitMqAddress address, EventTypeRegistry registry, string connectionName, CancellationToken ct)
    {
        var connection = await BrokerConnections.ConnectAsync(address, connectionName, ct);
        try
        {
            var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
                publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true,
                outstandingPublisherConfirmationsRateLimiter: null), ct);
            var vhost = address.VirtualHost == "/" ? "" : Uri.EscapeDataString(address.VirtualHost) + "/";
            return new BrokerRelayPublisher(connection, channel, registry, new Uri($"rabbitmq://{address.Host}:{address.Port}/{vhost}"));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task HandleAsync(IReadOnlyList<StoredEvent> batch, SubscriptionContext context, CancellationToken ct)
    {
        if (!_channel.IsOpen) throw new BrokerConnectionLostException($"the publishing channel is closed ({_channel.CloseReason?.ReplyText ?? "no reason given"})");
        try
        {
            await PublishAsync(batch, ct);
        }
        // Without the inner exception: its IOException would make the subscription retry this dead channel forever.
        catch (Exception e) when (e is RabbitMQ.Client.Exceptions.RabbitMQClientException or IOException or ObjectDisposedException && !ct.IsCancellationRequested)
        {
            throw new BrokerConnectionLostException($"{e.GetType().Name}: {e.Message}");
        }
    }

    private async Task PublishAsync(IReadOnlyList<StoredEvent> batch, CancellationToken ct)
    {
        var source = Observability.Tracing.MonitorTracing.Source;
        using var activity = source.HasListeners()
            ? source.StartActivity("relay publish", ActivityKind.Producer, parentContext: default, links: StoredTraceLinks(batch))
            : null;
        activity?.SetTag("messaging.batch.message_count", batch.Count);
        var confirmations = new Task[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var stored = batch[i];
            var exchange = _envelope.ExchangeOf(stored);
            // Declared as MassTransit declares it (durable fanout); the consumers bind their queues to it.
            if (_declaredExchanges.Add(exchange))
                await _channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: ct);
            var properties = new BasicProperties
            {
                MessageId = stored.Id.ToString(),
                ContentType = MassTransitEnvelope.ContentType,
                Persistent = true,
                Headers = TraceHeadersOf(stored),
            };
            var body = _envelope.Write(stored);
            confirmations[i] = _channel.BasicPublishAsync(exchange, "", mandatory: false, properties, body, ct).AsTask();
        }
        await Task.WhenAll(confirmations);
        foreach (var stored in batch)
            Observability.MonitorMetrics.MessagesPublished.Add(1, new KeyValuePair<string, object?>("message", stored.Type));
    }

    /// <summary>
    /// The trace context the event was appended in, as AMQP headers: the consumers' batch spans link to it,
    /// so the trace goes on from the work that appended the event rather than from this relay.
    /// </summary>
    private static Dictionary<string, object?>? TraceHeadersOf(StoredEvent stored)
    {
        if (stored.Headers.Count == 0 || !stored.Headers.TryGetValue(TraceContextHeaders.TraceParent, out var traceparent)) return null;
        var headers = new Dictionary<string, object?>(2) { [TraceContextHeaders.TraceParent] = traceparent };
        if (stored.Headers.TryGetValue(TraceContextHeaders.TraceState, out var tracestate)) headers[TraceContextHeaders.TraceState] = tracestate;
        return headers;
    }

    private static IEnumerable<ActivityLink> StoredTraceLinks(IReadOnlyList<StoredEvent> batch)
    {
        foreach (var stored in batch)
            if (TraceContextHeaders.TryParse(stored.Headers, out var context))
                yield return new ActivityLink(context);
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
