using MassTransit;
using Monitor.EventStore;

namespace Monitor.Hosting.Relay;

/// <summary>
/// Publishes a batch of committed events to the bus, typed by the event's CLR type, with
/// MessageId = event id. It returns only when the broker has confirmed every publish; the
/// subscription then saves its checkpoint. So nothing unconfirmed is ever checkpointed, and a crash
/// in between republishes the batch, which consumers absorb because the ids they derive from it are
/// deterministic (at-least-once delivery, exactly-once effect).
/// </summary>
public sealed class RelayPublisher(IPublishEndpoint publisher) : ISubscriptionHandler
{
    public const string StreamIdHeader = "Monitor-Stream-Id";
    public const string StreamVersionHeader = "Monitor-Stream-Version";
    public const string EventTypeHeader = "Monitor-Event-Type";

    public async Task HandleAsync(IReadOnlyList<StoredEvent> batch, SubscriptionContext context, CancellationToken ct)
    {
        var confirmations = new Task[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var stored = batch[i];
            confirmations[i] = publisher.Publish(stored.Data, stored.Data.GetType(), Pipe.Execute<PublishContext>(message =>
            {
                message.MessageId = stored.Id;
                message.Headers.Set(StreamIdHeader, stored.StreamId.ToString());
                message.Headers.Set(StreamVersionHeader, stored.Version);
                message.Headers.Set(EventTypeHeader, stored.Type);
            }), ct);
        }
        await Task.WhenAll(confirmations);
    }
}
