namespace Monitor.EventStore;

/// <summary>A failure of the store that retrying will not fix; the message says what was wrong.</summary>
public sealed class EventStoreException(string message, Exception? inner = null) : Exception(message, inner);
