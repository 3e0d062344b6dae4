using RabbitMQ.Client;

namespace Monitor.Faults.Tests.Harness;

/// <summary>
/// A queue of the test's own bound to the exchanges the relay publishes to: it receives a copy of
/// every publish, so a scenario can count how often each event id went out.
/// </summary>
public sealed class PublishedEvents(IChannel channel, string queue)
{
    private static readonly Type[] PublishedTypes =
        [typeof(Contracts.CoverageIngested), typeof(Contracts.CoverageMetricsUpdated), typeof(Contracts.ContentExtracted), typeof(Contracts.SentimentScored)];

    public static async Task<PublishedEvents> BindAsync(IChannel channel, string queue)
    {
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        foreach (var type in PublishedTypes)
        {
            // MassTransit's exchange of the message type (Monitor.Contracts:CoverageIngested), declared as it declares it.
            var exchange = $"{type.Namespace}:{type.Name}";
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
            await channel.QueueBindAsync(queue, exchange, "");
        }
        return new PublishedEvents(channel, queue);
    }

    /// <summary>Takes every message out of the queue: how many times each message id was published.</summary>
    public async Task<IReadOnlyDictionary<string, int>> DrainAsync(int limit = 1_000_000)
    {
        var counts = new Dictionary<string, int>();
        for (var i = 0; i < limit; i++)
        {
            var message = await channel.BasicGetAsync(queue, autoAck: true);
            if (message is null) break;
            var id = message.BasicProperties.MessageId ?? "(none)";
            counts[id] = counts.GetValueOrDefault(id) + 1;
        }
        return counts;
    }
}
