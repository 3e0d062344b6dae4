using System.Text;
using System.Text.Json;
using Monitor.Contracts;
using Monitor.Hosting.Configuration;
using RabbitMQ.Client;

namespace Monitor.Faults.Tests.Harness;

/// <summary>
/// Puts messages straight onto a queue (default exchange, routing key = queue name) with publisher
/// confirms, bypassing every service: copies of deliveries, raw bytes, envelopes of the wrong shape.
/// </summary>
public sealed class QueuePublisher : IAsyncDisposable
{
    public const string MassTransitJson = "application/vnd.masstransit+json";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly IConnection _connection;
    private readonly IChannel _channel;

    private QueuePublisher(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    public static async Task<QueuePublisher> ConnectAsync(Uri amqp)
    {
        var address = RabbitMqAddress.Parse(amqp.ToString(), "the scenario's vhost");
        var factory = new ConnectionFactory
        {
            HostName = address.Host,
            Port = address.Port,
            VirtualHost = address.VirtualHost,
            UserName = address.Username,
            Password = address.Password,
            ClientProvidedName = "fault-suite",
        };
        var connection = await factory.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        return new QueuePublisher(connection, channel);
    }

    public IChannel Channel => _channel;

    /// <summary>
    /// Publishes one body to a queue; the task completes when the broker confirmed it. Several may be
    /// in flight at once on the channel: start them in order, then await them together.
    /// </summary>
    public Task PublishAsync(string queue, ReadOnlyMemory<byte> body, string messageId, string? contentType = MassTransitJson)
    {
        var properties = new BasicProperties { MessageId = messageId, ContentType = contentType, Persistent = true };
        return _channel.BasicPublishAsync("", queue, mandatory: false, properties, body).AsTask();
    }

    /// <summary>A CoverageReceived in MassTransit's envelope, as a feed publishes it.</summary>
    public static byte[] CoverageReceivedEnvelope(Guid messageId, object message) => Envelope(messageId, message, typeof(CoverageReceived));

    /// <summary>A message in MassTransit's envelope, as MassTransit publishes one of <paramref name="messageType"/>.</summary>
    public static byte[] Envelope(Guid messageId, object message, Type messageType) =>
        JsonSerializer.SerializeToUtf8Bytes(new
        {
            messageId = messageId.ToString(),
            messageType = new[] { $"urn:message:{messageType.Namespace}:{messageType.Name}" },
            message,
            sentTime = DateTime.UtcNow,
        }, Json);

    /// <summary>A well-formed envelope around a message body given as raw JSON (which may be of any shape).</summary>
    public static byte[] CoverageReceivedEnvelope(Guid messageId, byte[] rawMessage)
    {
        var head = Encoding.UTF8.GetBytes(
            $"{{\"messageId\":\"{messageId}\",\"messageType\":[\"urn:message:{typeof(CoverageReceived).Namespace}:{nameof(CoverageReceived)}\"],\"message\":");
        return [.. head, .. rawMessage, (byte)'}'];
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
