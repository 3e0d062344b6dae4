namespace Monitor.EventStore;

/// <summary>A stream's row: its type, current version and whether it is archived.</summary>
public sealed record StreamState(Guid Id, string Type, long Version, bool Archived, DateTimeOffset Created, DateTimeOffset Updated);
