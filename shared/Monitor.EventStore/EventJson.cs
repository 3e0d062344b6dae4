namespace Monitor.EventStore;

/// <summary>
/// An event's stored JSON, as PostgreSQL returns it (after the registry's upcasters, when one applies to
/// its name): what a subscription with <see cref="SubscriptionOptions.RawData"/> delivers as
/// <see cref="StoredEvent.Data"/>. For handlers that pass events on unchanged, such as the relay, it
/// spares a deserialization and a serialization per event.
/// </summary>
public sealed record EventJson(string Json);
