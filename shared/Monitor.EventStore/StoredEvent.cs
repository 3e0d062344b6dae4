namespace Monitor.EventStore;

/// <summary>
/// An event as stored. <see cref="Data"/> is an instance of the registered type, or a
/// <see cref="System.Text.Json.JsonElement"/> when this process has not registered <see cref="Type"/>.
/// </summary>
public sealed record StoredEvent(
    long SeqId,
    ulong TxId,
    Guid Id,
    Guid StreamId,
    long Version,
    string Type,
    object Data,
    IReadOnlyDictionary<string, string> Headers,
    DateTimeOffset Timestamp)
{
    /// <summary>Where the event sits in the global log.</summary>
    public GlobalPosition Position => new(TxId, SeqId);
}
