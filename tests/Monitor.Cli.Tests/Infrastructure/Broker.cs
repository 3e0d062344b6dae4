using System.Text;
using Monitor.Testing;
using RabbitMQ.Client;

namespace Monitor.Cli.Tests.Infrastructure;

/// <summary>Plain AMQP access to a test vhost: declare queues, put messages on them, take them off.</summary>
public sealed class Broker(RabbitMqVhost vhost) : IAsyncDisposable
{
    private IConnection? _connection;

    public Dictionary<string, string> Environment => new()
    {
        ["MONITOR_RABBITMQ"] = vhost.AmqpUri.ToString(),
        ["MONITOR_RABBITMQ_MANAGEMENT"] = TestEnvironment.RabbitMqManagement.ToString(),
    };

    private async Task<IChannel> ChannelAsync()
    {
        _connection ??= await new ConnectionFactory { Uri = vhost.AmqpUri }.CreateConnectionAsync();
        return await _connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
    }

    public async Task DeclareAsync(params string[] queues)
    {
        await using var channel = await ChannelAsync();
        foreach (var queue in queues)
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
    }

    /// <summary>Puts a message on the queue as MassTransit leaves a failed one: the body, its id and the fault headers.</summary>
    public async Task PoisonAsync(string errorQueue, string messageId, string body, string exceptionType, string reason)
    {
        await using var channel = await ChannelAsync();
        var properties = new BasicProperties
        {
            MessageId = messageId,
            ContentType = "application/vnd.masstransit+json",
            Persistent = true,
            Headers = new Dictionary<string, object?>
            {
                ["MT-Reason"] = "fault",
                ["MT-Fault-ExceptionType"] = exceptionType,
                ["MT-Fault-Message"] = reason,
                ["MT-Fault-Timestamp"] = "2026-11-21T08:00:00Z",
                ["Monitor-Event-Type"] = "coverage-ingested",
            },
        };
        await channel.BasicPublishAsync("", errorQueue, mandatory: true, properties, Encoding.UTF8.GetBytes(body));
    }

    public sealed record Taken(string? MessageId, string Body, IReadOnlyDictionary<string, string> Headers);

    /// <summary>Takes every message off the queue (acked).</summary>
    public async Task<IReadOnlyList<Taken>> DrainAsync(string queue, int atMost = 1000)
    {
        await using var channel = await ChannelAsync();
        var taken = new List<Taken>();
        while (taken.Count < atMost && await channel.BasicGetAsync(queue, autoAck: true) is { } message)
        {
            var headers = (message.BasicProperties.Headers ?? new Dictionary<string, object?>())
                .ToDictionary(h => h.Key, h => h.Value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : h.Value?.ToString() ?? "");
            taken.Add(new Taken(message.BasicProperties.MessageId, Encoding.UTF8.GetString(message.Body.Span), headers));
        }
        return taken;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
    }
}
