using System.Buffers;
using System.Text.Json;
using Monitor.EventStore;

namespace Monitor.Hosting.Relay;

/// <summary>
/// The JSON envelope MassTransit's consumers read (content type application/vnd.masstransit+json),
/// written by hand so the relay can publish with RabbitMQ.Client directly. A message published to the
/// exchange named after its type ("Monitor.Contracts:CoverageIngested") reaches every consumer of it.
/// The message is the event serialized with the registry's options (camelCase, as MassTransit reads it).
/// One writer per publisher; not thread-safe.
/// </summary>
public sealed class MassTransitEnvelope(EventTypeRegistry registry, Uri brokerAddress, string sourceAddress)
{
    public const string ContentType = "application/vnd.masstransit+json";

    private readonly Dictionary<string, Destination> _destinations = new(StringComparer.Ordinal);
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private Utf8JsonWriter? _writer;

    /// <summary>The exchange MassTransit publishes a message type to and binds its consumers' queues to.</summary>
    public static string ExchangeFor(Type messageType) => Bus.MessageNames.ExchangeOf(messageType);

    /// <summary>The exchange a stored event goes to, from the CLR type registered under its stored name.</summary>
    public string ExchangeOf(StoredEvent stored) => DestinationOf(stored).Exchange;

    /// <summary>The envelope of one stored event, its MessageId the event id.</summary>
    public byte[] Write(StoredEvent stored)
    {
        var destination = DestinationOf(stored);
        _buffer.ResetWrittenCount();
        var writer = _writer ??= new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });
        writer.Reset(_buffer);

        writer.WriteStartObject();
        writer.WriteString("messageId", stored.Id);
        writer.WriteString("sourceAddress", sourceAddress);
        writer.WriteString("destinationAddress", destination.Address);
        writer.WriteStartArray("messageType");
        writer.WriteStringValue(destination.MessageType);
        writer.WriteEndArray();
        writer.WritePropertyName("message");
        JsonSerializer.Serialize(writer, stored.Data, stored.Data.GetType(), registry.JsonOptions);
        writer.WriteString("sentTime", DateTime.UtcNow);
        writer.WriteStartObject("headers");
        writer.WriteString(RelaySubscription.StreamIdHeader, stored.StreamId);
        writer.WriteNumber(RelaySubscription.StreamVersionHeader, stored.Version);
        writer.WriteString(RelaySubscription.EventTypeHeader, stored.Type);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.Flush();
        return _buffer.WrittenSpan.ToArray();
    }

    private Destination DestinationOf(StoredEvent stored)
    {
        if (_destinations.TryGetValue(stored.Type, out var known)) return known;
        var exchange = ExchangeFor(stored.Data.GetType());
        return _destinations[stored.Type] = new Destination(exchange, new Uri(brokerAddress, exchange).ToString(), $"urn:message:{exchange}");
    }

    private sealed record Destination(string Exchange, string Address, string MessageType);
}
