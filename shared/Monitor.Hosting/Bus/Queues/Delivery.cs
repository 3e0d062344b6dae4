using RabbitMQ.Client;

namespace Monitor.Hosting.Bus.Queues;

/// <summary>One message as the broker delivered it (the body copied out of the client's buffer).</summary>
public sealed record Delivery(ulong DeliveryTag, ReadOnlyMemory<byte> Body, IReadOnlyBasicProperties Properties);
