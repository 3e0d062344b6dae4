using RabbitMQ.Client;

namespace Monitor.Hosting.Bus.Queues;

/// <summary>
/// A worker's queue laid out as MassTransit lays out a receive endpoint, so publishers through
/// MassTransit (the feeds) and the relay reach it unchanged, and `./monitor errors` reads its errors:
/// the message type's exchange ("Monitor.Contracts:CoverageIngested") feeds the queue's own exchange
/// ("coverage-ingested"), which feeds the quorum queue of that name; failures go to the exchange and
/// quorum queue "coverage-ingested_error". Every declaration is idempotent.
/// </summary>
public static class QueueTopology
{
    public const string ErrorSuffix = "_error";

    private static readonly Dictionary<string, object?> Quorum = new() { ["x-queue-type"] = "quorum" };

    public static string ErrorQueueOf(string queue) => queue + ErrorSuffix;

    public static async Task DeclareAsync(IChannel channel, string queue, string messageExchange, CancellationToken ct)
    {
        await channel.ExchangeDeclareAsync(messageExchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: ct);
        await DeclareQueueWithExchangeAsync(channel, queue, ct);
        await channel.ExchangeBindAsync(destination: queue, source: messageExchange, routingKey: "", cancellationToken: ct);
        await DeclareQueueWithExchangeAsync(channel, ErrorQueueOf(queue), ct);
    }

    private static async Task DeclareQueueWithExchangeAsync(IChannel channel, string name, CancellationToken ct)
    {
        await channel.ExchangeDeclareAsync(name, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: ct);
        await channel.QueueDeclareAsync(name, durable: true, exclusive: false, autoDelete: false, arguments: Quorum, cancellationToken: ct);
        await channel.QueueBindAsync(name, name, routingKey: "", cancellationToken: ct);
    }
}
