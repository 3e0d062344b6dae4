namespace Monitor.Hosting.Relay;

/// <summary>The relay lost its broker connection mid-batch; the batch is not checkpointed and goes out again on a new connection.</summary>
public sealed class BrokerConnectionLostException(string message) : Exception($"The relay lost the broker: {message}");
