using System.Text.Json;
using System.Text.Json.Serialization;
using Monitor.EventStore;

namespace Monitor.Hosting.Relay;

/// <summary>
/// The JSON envelope MassTransit's consumers read (content type application/vnd.masstransit+json),
/// written by hand so the relay can publish with RabbitMQ.Client directly. A message published to the
/// exchange named after its type ("Monitor.Contracts:CoverageIngested") reaches every consumer of it.
/// </summary>
public static class MassTransitEnvelope
{
    public const string ContentType = "application/vnd.masstransit+json";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The exchange MassTransit publishes a message type to and binds its consumers' queues to.</summary>
    public static string ExchangeFor(Type messageType) => $"{messageType.Namespace}:{messageType.Name}";

    public static byte[] Serialize(StoredEvent stored, Uri brokerAddress, string sourceAddress)
    {
        var type = stored.Data.GetType();
        var exchange = ExchangeFor(type);
        return JsonSerializer.SerializeToUtf8Bytes(new Envelope(
            stored.Id.ToString(),
            sourceAddress,
            new Uri(brokerAddress, exchange).ToString(),
            [$"urn:message:{exchange}"],
            stored.Data,
            DateTime.UtcNow,
            new Dictionary<string, object>
            {
                [RelayPublisher.StreamIdHeader] = stored.StreamId.ToString(),
                [RelayPublisher.StreamVersionHeader] = stored.Version,
                [RelayPublisher.EventTypeHeader] = stored.Type,
            }), Options);
    }

    private sealed record Envelope(
        string MessageId,
        string SourceAddress,
        string DestinationAddress,
        string[] MessageType,
        object Message,
        DateTime SentTime,
        Dictionary<string, object> Headers);
}
