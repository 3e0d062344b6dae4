namespace Monitor.EventStore;

/// <summary>
/// An event to append. The caller supplies a deterministic id (e.g. derived from the message it
/// handles), so that appending the same event again after a redelivery is recognised as a duplicate.
/// </summary>
public sealed record EventData(Guid Id, object Data, IReadOnlyDictionary<string, string>? Headers = null);
